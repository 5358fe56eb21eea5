/*
 * chart: the dashboard's charts as SVG, drawn on the server (no
 * JavaScript): bars and a line, each with its title and a text alternative
 * inside
 * (<title>, <desc>, role="img"), a value over every bar and, when asked, a
 * line marking a target (the 15 days of Prato's release time).  The page
 * shows each chart beside its table.
 */
#include <stdio.h>
#include <string.h>

#include "stats.h"

#define CHART_W		640
#define CHART_H		260
#define CHART_LEFT	40
#define CHART_BOTTOM	40
#define CHART_TOP	30

/*
 * The chart's frame: its title, shown and for screen readers, its text
 * alternative and its axis.  Returns the largest value (1 when none), the
 * top of the plot.
 */
static double
frame(struct buf *out, const char *title, const char *desc,
    const double *values, size_t n)
{
	double	 top = 0;

	for (size_t i = 0; i < n; i++)
		if (values[i] > top)
			top = values[i];
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-labelledby=\"t d\" font-family=\"sans-serif\" "
	    "font-size=\"11\"><title id=\"t\">", CHART_W, CHART_H, CHART_W,
	    CHART_H);
	buf_html(out, title);
	buf_puts(out, "</title><desc id=\"d\">");
	buf_html(out, desc);
	buf_puts(out, "</desc><text x=\"4\" y=\"16\" font-size=\"13\" "
	    "font-weight=\"bold\" fill=\"#17324d\">");
	buf_html(out, title);
	buf_printf(out, "</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\" stroke=\"#5c6f82\"/>", CHART_LEFT, CHART_H -
	    CHART_BOTTOM, CHART_W - 10, CHART_H - CHART_BOTTOM);
	return top > 0 ? top : 1;
}

/*
 * Draws n bars (labels and values) titled title into out; desc is the text
 * alternative.  mark >= 0 draws a dashed line after bar number mark, named
 * mark_label.  Every label is shown when there are at most 24 bars, else
 * every fifth.
 */
void
stats_chart_bars(struct buf *out, const char *title, const char *desc,
    const char *const *labels, const double *values, size_t n, int mark,
    const char *mark_label)
{
	double	 plot_w = CHART_W - CHART_LEFT - 10;
	double	 plot_h = CHART_H - CHART_TOP - CHART_BOTTOM;
	double	 w = n > 0 ? plot_w / (double)n : plot_w;
	double	 top = frame(out, title, desc, values, n);

	for (size_t i = 0; i < n; i++) {
		double	 h = values[i] / top * plot_h;
		double	 x = CHART_LEFT + (double)i * w;

		/* The office's blue, dark enough for text beside it. */
		buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"#0066cc\"/>", x + w * 0.1,
		    CHART_H - CHART_BOTTOM - h, w * 0.8, h);
		if (values[i] > 0 && (n <= 24 || values[i] == top))
			buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" fill=\"#17324d\">%g</text>",
			    x + w / 2, CHART_H - CHART_BOTTOM - h - 3,
			    values[i]);
		if (n <= 24 || i % 5 == 0) {
			buf_printf(out, "<text x=\"%.1f\" y=\"%d\" "
			    "text-anchor=\"middle\" fill=\"#17324d\">",
			    x + w / 2, CHART_H - CHART_BOTTOM + 14);
			buf_html(out, labels[i]);
			buf_puts(out, "</text>");
		}
	}
	if (mark >= 0 && (size_t)mark < n) {
		double x = CHART_LEFT + (double)(mark + 1) * w;

		buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
		    "y2=\"%d\" stroke=\"#a61919\" stroke-width=\"2\" "
		    "stroke-dasharray=\"6 4\"/><text x=\"%.1f\" y=\"%d\" "
		    "fill=\"#a61919\">", x, CHART_TOP, x, CHART_H -
		    CHART_BOTTOM, x + 4, CHART_TOP + 10);
		buf_html(out, mark_label);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>\n");
}

/*
 * Draws n values as a line over their labels (a month each), with a dot
 * and the value at every point: the certificates month by month.
 */
void
stats_chart_line(struct buf *out, const char *title, const char *desc,
    const char *const *labels, const double *values, size_t n)
{
	double	 plot_w = CHART_W - CHART_LEFT - 20;
	double	 plot_h = CHART_H - CHART_TOP - CHART_BOTTOM;
	double	 step = n > 1 ? plot_w / (double)(n - 1) : 0;
	double	 top = frame(out, title, desc, values, n);

	buf_puts(out, "<polyline fill=\"none\" stroke=\"#0066cc\" "
	    "stroke-width=\"2\" points=\"");
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", CHART_LEFT +
		    (double)i * step, CHART_H - CHART_BOTTOM - values[i] / top *
		    plot_h);
	buf_puts(out, "\"/>");
	for (size_t i = 0; i < n; i++) {
		double	 x = CHART_LEFT + (double)i * step;
		double	 y = CHART_H - CHART_BOTTOM - values[i] / top * plot_h;

		buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
		    "fill=\"#0066cc\"/>", x, y);
		if (n <= 24)
			buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" fill=\"#17324d\">%g</text>",
			    x, y - 6, values[i]);
		if (n <= 12 || i % 3 == 0) {
			buf_printf(out, "<text x=\"%.1f\" y=\"%d\" "
			    "text-anchor=\"middle\" fill=\"#17324d\">", x,
			    CHART_H - CHART_BOTTOM + 14);
			buf_html(out, labels[i]);
			buf_puts(out, "</text>");
		}
	}
	buf_puts(out, "</svg>\n");
}

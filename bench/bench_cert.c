/*
 * bench_cert: certificates rendered per second on one core (src/cert/pdf.c),
 * from a snapshot file, sealed once with a throwaway key, with the labels'
 * second language from the catalogs in IDONEO_LOCALEDIR.  bench/cert runs
 * it beside headless Chromium printing the same certificate as HTML.
 *
 * usage: bench_cert SNAPSHOT.json N      prints "ms_per_certificate bytes"
 *        bench_cert --qr-svg URL         prints the QR code as SVG (for
 *                                        the HTML version)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <qrencode.h>

#include "base/buf.h"
#include "base/clock.h"
#include "cert/keys.h"
#include "cert/pdf.h"
#include "cert/seal.h"
#include "notify/render.h"
#include "service/certificates.h"

static int
qr_svg(const char *url)
{
	QRcode	*q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

	if (q == NULL)
		return 1;
	printf("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "shape-rendering=\"crispEdges\"><path d=\"", q->width, q->width);
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width; c++)
			if (q->data[r * q->width + c] & 1)
				printf("M%d %dh1v1h-1z", c, r);
	printf("\"/></svg>\n");
	QRcode_free(q);
	return 0;
}

int
main(int argc, char **argv)
{
	struct cert_sealed	 s;
	struct timespec		 t0, t1;
	struct buf		 pdf, text;
	char			 dir[] = "/tmp/idoneo-bench-keys-XXXXXX", cmd[64];
	char			 chunk[4096];
	FILE			*f;
	size_t			 n;
	int			 count;

	if (argc == 3 && strcmp(argv[1], "--qr-svg") == 0)
		return qr_svg(argv[2]);
	if (argc != 3 || (count = atoi(argv[2])) <= 0 ||
	    (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: bench_cert SNAPSHOT.json N\n");
		return 2;
	}
	buf_init(&text);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&text, chunk, n);
	fclose(f);
	while (text.len > 0 && text.data[text.len - 1] == '\n')
		text.data[--text.len] = '\0';
	clock_init();
	/* The catalogs, for the second language's labels (IDONEO_LOCALEDIR). */
	if (getenv("IDONEO_LOCALEDIR") != NULL)
		render_init(getenv("IDONEO_LOCALEDIR"));
	if (mkdtemp(dir) == NULL || cert_keys_init(dir) < 0)
		return 1;
	memset(&s, 0, sizeof(s));
	s.snapshot = text.data;
	s.len = text.len;
	if (cert_seal_sign("G999", text.data, s.kid, s.sig) < 0)
		return 1;
	buf_init(&pdf);
	/* One warm-up: fontconfig reads its cache, pango loads the fonts. */
	if (cert_pdf_render(&s, certificates_translate, &pdf) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < count; i++) {
		buf_reset(&pdf);
		if (cert_pdf_render(&s, certificates_translate, &pdf) < 0)
			return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.3f %zu\n", ((t1.tv_sec - t0.tv_sec) * 1e3 +
	    (t1.tv_nsec - t0.tv_nsec) / 1e6) / count, pdf.len);
	buf_free(&pdf);
	buf_free(&text);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}

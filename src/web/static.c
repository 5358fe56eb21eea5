/*
 * static: files under /static/: /static/app/… from idoneo's static folder
 * and /static/bi/… from Bootstrap Italia's dist folder (npm).  Only plain
 * names are served: no "..", no hidden files, known types only.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "handlers.h"
#include "page.h"

static const char	*dir_app = "static";
static const char	*dir_bi = "node_modules/bootstrap-italia/dist";

static const struct { const char *ext, *type; } types[] = {
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".woff2", "font/woff2"},
	{".woff", "font/woff"},
	{".ttf", "font/ttf"},
	{".ico", "image/x-icon"},
	{".map", "application/json"},
};

void
static_init(const char *static_dir, const char *assets_dir)
{
	dir_app = static_dir;
	dir_bi = assets_dir;
}

void
h_static(struct http_req *req, struct http_resp *resp)
{
	const char	*rel, *dir, *type = NULL;
	char		 path[1024], chunk[65536];
	struct stat	 sb;
	int		 fd;
	ssize_t		 n;
	size_t		 len;

	if (strncmp(req->path, "/static/app/", 12) == 0)
		dir = dir_app, rel = req->path + 12;
	else if (strncmp(req->path, "/static/bi/", 11) == 0)
		dir = dir_bi, rel = req->path + 11;
	else
		goto notfound;
	if (strstr(rel, "..") != NULL || strstr(rel, "/.") != NULL ||
	    rel[0] == '.' || rel[0] == '/' || strlen(rel) > 300)
		goto notfound;
	len = strlen(rel);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t el = strlen(types[i].ext);

		if (len > el && strcmp(rel + len - el, types[i].ext) == 0)
			type = types[i].type;
	}
	if (type == NULL)
		goto notfound;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		goto notfound;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > 8 * 1024 * 1024) {
		close(fd);
		goto notfound;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_append(&resp->body, chunk, (size_t)n);
	close(fd);
	resp->status = 200;
	resp->content_type = type;
	resp->cacheable = true;
	return;
notfound:
	resp->status = 404;
	resp->content_type = "text/plain; charset=utf-8";
	buf_puts(&resp->body, "Not found\n");
}

/*
 * Fuzz target: the multipart/form-data parser (libmicrohttpd's post
 * processor and the server's callbacks that stream a file to disk and
 * collect the fields, src/http/server.c).  The input is the body of an
 * upload, sent whole with its headers on a socket pair to a server with
 * the real callbacks; a file admitted up to 64 KiB.  Nothing may crash or
 * leak.  It found a part without a name crashing the server (post_field).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "http/http.h"

static enum http_admit
gate(struct http_req *req)
{
	req->upload_max = 64 * 1024;
	return HTTP_ADMIT_UPLOAD;
}

/* Answers with what arrived: the fields' count and the file's size. */
static void
handler(struct http_req *req, struct http_resp *resp)
{
	resp->status = 200;
	resp->content_type = "text/plain";
	buf_printf(&resp->body, "%zu %lld\n", json_object_size(req->form),
	    (long long)req->upload_size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 started;
	struct buf	 req;
	ssize_t		 got;

	if (!started) {
		if (http_fuzz_start(handler, gate) < 0)
			abort();
		started = 1;
	}
	if (size > 256 * 1024)
		return 0;
	buf_init(&req);
	buf_printf(&req, "POST /upload HTTP/1.1\r\nHost: fuzz\r\n"
	    "Content-Type: multipart/form-data; boundary=XyZ\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n", size);
	buf_append(&req, data, size);
	/*
	 * A request that could not be made waits for the server to close
	 * the earlier connections.  A request the server closes without an
	 * answer is allowed (once in tens of thousands of broken bodies it
	 * does); a crash, a leak or undefined behaviour is what fails.
	 */
	for (int tries = 0; (got = http_fuzz_request(req.data, req.len)) == -2 &&
	    tries < 2000; tries++)
		usleep(1000);
	if (got == -2)
		abort();
	buf_free(&req);
	return 0;
}

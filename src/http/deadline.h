/*
 * deadline: a connection must send its first request's headers within a
 * fixed time of opening (IDONEO_HEADER_TIMEOUT), however slowly it trickles
 * them: libmicrohttpd's own timeout starts again with every byte, so a
 * client sending a byte now and then would hold its connection for ever.
 * server.c reports connections by their socket as they open, finish their
 * headers and close; a thread shuts down, once a second, those past the
 * deadline, and libmicrohttpd then closes them as it would any connection
 * the client dropped.
 */
#ifndef IDONEO_DEADLINE_H
#define IDONEO_DEADLINE_H

int	 deadline_start(int seconds);
void	 deadline_stop(void);
void	 deadline_open(int fd);
void	 deadline_headers(int fd);
void	 deadline_close(int fd);

#endif

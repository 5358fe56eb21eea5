/*
 * result: what a service answers, for the handlers to map to a status.  A
 * refusal is a value, not an error: the services write nothing for it, and
 * say why in the errors object they were given where a person must act.
 */
#ifndef IDONEO_RESULT_H
#define IDONEO_RESULT_H

enum svc_result {
	SVC_OK,
	SVC_INVALID,		/* 422: see the errors object */
	SVC_NOT_FOUND,		/* 404, also for another comune's record */
	SVC_FORBIDDEN,		/* 403 */
	SVC_CONFLICT,		/* 409: wrong state, or a duplicate */
	SVC_ERROR,		/* 500 */
	SVC__MAX
};

#endif

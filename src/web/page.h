/*
 * page: helpers shared by the handlers: full HTML pages in the layout,
 * error pages, and RFC 7807 problem documents for the API.
 */
#ifndef IDONEO_PAGE_H
#define IDONEO_PAGE_H

#include "base/buf.h"
#include "domain/intake.h"
#include "domain/result.h"
#include "http/http.h"

void	 page_render(struct http_req *, struct http_resp *, int status,
	    const char *tmpl, const char *title, json_t *ctx);
void	 page_error(struct http_req *, struct http_resp *, int status,
	    const char *message);
void	 api_json(struct http_resp *, int status, json_t *);
void	 api_json_append(struct buf *, const json_t *);
void	 api_problem(struct http_resp *, int status, const char *title,
	    const char *detail, json_t *errors);
json_t	*page_choices(const struct choice *, const char *selected);
bool	 page_citizen_path(const char *path);
json_t	*page_countries(const char *selected);
void	 page_day_it(json_t *row, const char *key, const char *key_it);
json_t	*page_points(json_t *points, const char *selected_id);
json_t	*page_checklist(const json_t *ticked);
json_t	*page_rows(const json_t *typed, int n, const struct choice *choices,
	    const char *choice_key);

/* The API's answers to a service's result (api_v1.c). */
extern const int api_result_status[SVC__MAX];
extern const char *const api_result_titles[SVC__MAX];
json_t	*api_body_json(struct http_req *, struct http_resp *);

/* A PDF as the answer, named (office_certificates.c). */
void	 page_send_pdf(struct http_resp *, struct buf *, const char *name);

#endif

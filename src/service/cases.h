/*
 * cases: the application services of a case, shared by the office pages and
 * the API, one concern to a file:
 *   intake_write   registering an application (plain and group writes)
 *   case_doc       the read model: one case as the API and the page see it
 *   queue          the work queue, an association's list, the search box
 *   transition     the steps of the procedure, with their deadline effects
 *   rooms          a case's rooms and their eligibility
 *   doc_cache      the API's serialised documents, per thread
 * Each write runs in one transaction with its timeline and audit rows.
 */
#ifndef IDONEO_CASES_H
#define IDONEO_CASES_H

#include "case_doc.h"
#include "doc_cache.h"
#include "intake_write.h"
#include "queue.h"
#include "domain/result.h"
#include "rooms.h"
#include "transition.h"

#endif

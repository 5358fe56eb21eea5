/*
 * views: the messages as the desk reads them: those of a case, each with
 * its status history, and the office's list with its counts.
 */
#include "base/jfield.h"
#include "notify.h"
#include "store/query.h"

/*
 * The messages of a case, oldest first, each with "history" (its
 * statuses with their times), and the channels its applicant opted out
 * of: {"messages": [...], "optouts": [...]}.  NULL on a database error.
 */
json_t *
notify_case_messages(struct store *st, int64_t case_id)
{
	json_t	*msgs, *hist, *opt, *m, *h;
	size_t	 i, k = 0;

	msgs = store_rows(st, STMT_MSG_CASE_LIST, "i", case_id);
	hist = store_rows(st, STMT_MSG_CASE_HISTORY, "i", case_id);
	opt = store_rows(st, STMT_OPTOUT_LIST, "i", case_id);
	if (msgs == NULL || hist == NULL || opt == NULL) {
		json_decref(msgs);
		json_decref(hist);
		json_decref(opt);
		return NULL;
	}
	/* Both come in message order: walk them side by side. */
	json_array_foreach(msgs, i, m) {
		json_t *mine = json_array();

		while ((h = json_array_get(hist, k)) != NULL &&
		    jfield_int(h, "message_id") <= jfield_int(m, "id")) {
			if (jfield_int(h, "message_id") == jfield_int(m, "id")) {
				json_object_del(h, "message_id");
				json_array_append(mine, h);
			}
			k++;
		}
		json_object_set_new(m, "history", mine);
	}
	json_decref(hist);
	return json_pack("{s:o, s:o}", "messages", msgs, "optouts", opt);
}

/*
 * The office's list: the latest 500 messages that pass the filters
 * (comune 0: every comune; status and channel NULL or "": any; from and
 * to: creation days, to excluded), and their counts by status and
 * channel, with the possible duplicates and the SMS parts billed.
 */
json_t *
notify_list(struct store *st, int64_t comune_id, const char *status,
    const char *channel, const char *from, const char *to)
{
	json_t	*rows, *counts;

	status = status ? status : "";
	channel = channel ? channel : "";
	rows = store_rows(st, STMT_MSG_LIST, "iissssssd", comune_id, comune_id,
	    status, status, channel, channel, from, to, 500);
	counts = store_rows(st, STMT_MSG_COUNTS, "iissssss", comune_id,
	    comune_id, status, status, channel, channel, from, to);
	if (rows == NULL || counts == NULL) {
		json_decref(rows);
		json_decref(counts);
		return NULL;
	}
	return json_pack("{s:o, s:o}", "messages", rows, "counts", counts);
}

/* The case state machine: every action against every state and role. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/workflow.h"

static void
happy_path(void **state)
{
	assert_int_equal(wf_check(WF_TAKE, WF_SUBMITTED, ROLE_CLERK, false,
	    false), WF_ALLOWED);
	assert_int_equal(wf_check(WF_SUSPEND, WF_IN_REVIEW, ROLE_CLERK, true,
	    false), WF_ALLOWED);
	assert_int_equal(wf_check(WF_RESUME, WF_SUSPENDED, ROLE_CLERK, false,
	    false), WF_ALLOWED);
	assert_int_equal(wf_check(WF_APPROVE, WF_IN_REVIEW, ROLE_HEAD, false,
	    false), WF_ALLOWED);
	assert_int_equal(wf_check(WF_CERT_READY_ACTION, WF_APPROVED,
	    ROLE_CLERK, false, false), WF_ALLOWED);
	assert_int_equal(wf_check(WF_DELIVER, WF_CERT_READY, ROLE_CLERK,
	    false, false), WF_ALLOWED);
}

static void
decisions_belong_to_the_head(void **state)
{
	assert_int_equal(wf_check(WF_APPROVE, WF_IN_REVIEW, ROLE_CLERK, false,
	    false), WF_FORBIDDEN_ROLE);
	assert_int_equal(wf_check(WF_NOTICE_REFUSAL, WF_IN_REVIEW, ROLE_CLERK,
	    true, false), WF_FORBIDDEN_ROLE);
	assert_int_equal(wf_check(WF_APPROVE, WF_IN_REVIEW, ROLE_ASSOCIATION,
	    false, false), WF_FORBIDDEN_ROLE);
	assert_int_equal(wf_check(WF_APPROVE, WF_IN_REVIEW, ROLE_ADMIN, false,
	    false), WF_FORBIDDEN_ROLE);
	assert_int_equal(wf_check(WF_TAKE, WF_SUBMITTED, ROLE_POINT, false,
	    false), WF_FORBIDDEN_ROLE);
}

static void
rejection_needs_notice_and_reason(void **state)
{
	assert_int_equal(wf_check(WF_REJECT, WF_IN_REVIEW, ROLE_HEAD, true,
	    false), WF_NEEDS_NOTICE);
	assert_int_equal(wf_check(WF_REJECT, WF_IN_REVIEW, ROLE_HEAD, false,
	    true), WF_NEEDS_REASON);
	assert_int_equal(wf_check(WF_REJECT, WF_IN_REVIEW, ROLE_HEAD, true,
	    true), WF_ALLOWED);
	assert_int_equal(wf_check(WF_SUSPEND, WF_IN_REVIEW, ROLE_CLERK, false,
	    false), WF_NEEDS_REASON);
}

static void
finals_accept_nothing(void **state)
{
	for (int a = 0; a < WF_ACTION__MAX; a++)
		for (int r = 0; r < ROLE__MAX; r++) {
			assert_int_not_equal(wf_check(a, WF_DELIVERED, r, true,
			    true), WF_ALLOWED);
			assert_int_not_equal(wf_check(a, WF_REJECTED, r, true,
			    true), WF_ALLOWED);
			assert_int_not_equal(wf_check(a, WF_WITHDRAWN, r, true,
			    true), WF_ALLOWED);
		}
}

static void
every_state_is_reachable_and_names_round_trip(void **state)
{
	unsigned reached = 1u << WF_SUBMITTED;

	for (int a = 0; a < WF_ACTION__MAX; a++) {
		reached |= 1u << wf_transitions[a].to;
		assert_int_equal(wf_action_from_name(wf_transitions[a].name), a);
	}
	for (int s = 0; s < WF_STATE__MAX; s++) {
		assert_true(reached & (1u << s));
		assert_int_equal(wf_state_from_name(wf_state_names[s]), s);
	}
	assert_int_equal(wf_action_from_name("nope"), -1);
	assert_int_equal(wf_role_from_name("clerk"), ROLE_CLERK);
}

static void
wrong_state(void **state)
{
	assert_int_equal(wf_check(WF_RESUME, WF_IN_REVIEW, ROLE_CLERK, false,
	    false), WF_WRONG_STATE);
	assert_int_equal(wf_check(WF_APPROVE, WF_SUSPENDED, ROLE_HEAD, false,
	    false), WF_WRONG_STATE);
	assert_int_equal(wf_check(WF_WITHDRAW, WF_APPROVED, ROLE_CLERK, true,
	    false), WF_WRONG_STATE);
	assert_int_equal(wf_check(WF_WITHDRAW, WF_SUSPENDED, ROLE_ASSOCIATION,
	    true, false), WF_ALLOWED);
}

/*
 * When the clock restarts (art. 2 c. 7; art. 10-bis as DL 76/2020 wrote
 * it): documents on the day they arrive; observations on time ten days
 * after they arrive; none, or late ones, when the ten days run out.
 */
static void
clock_restarts(void **state)
{
	const int n = 1000;	/* the day the clock stopped */

	(void)state;
	assert_int_equal(wf_clock_restart(WF_SUSPENDED, n, n + 7, true), n + 7);
	assert_int_equal(wf_clock_restart(WF_REFUSAL_NOTICE, n, n + 3, true),
	    n + 13);
	assert_int_equal(wf_clock_restart(WF_REFUSAL_NOTICE, n, n + 10, true),
	    n + 20);
	assert_int_equal(wf_clock_restart(WF_REFUSAL_NOTICE, n, n + 11, true),
	    n + 10);
	assert_int_equal(wf_clock_restart(WF_REFUSAL_NOTICE, n, n + 30, false),
	    n + 10);
	assert_int_equal(wf_clock_restart(WF_REFUSAL_NOTICE, n, n + 10, false),
	    n + 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(happy_path),
		cmocka_unit_test(decisions_belong_to_the_head),
		cmocka_unit_test(rejection_needs_notice_and_reason),
		cmocka_unit_test(finals_accept_nothing),
		cmocka_unit_test(every_state_is_reachable_and_names_round_trip),
		cmocka_unit_test(wrong_state),
		cmocka_unit_test(clock_restarts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

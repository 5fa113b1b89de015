# End states by time since referral (Aalen-Johansen) on the maturing registry of tests/test_endstates.py:
# survival::survfit(Surv(days, factor(status, 0:3)) ~ 1), read at 3, 6 and 12 months (30.4375 days each).
# status 0 = ongoing (censored at as_of), 1 = conference, 2 = plan without conference, 3 = stopped.
# Run from tests/reference/: Rscript end_states.R  (writes end_states_R.csv)
library(survival)
d <- read.csv("end_states_input.csv")
fit <- survfit(Surv(days, factor(status, 0:3)) ~ 1, data = d)
s <- summary(fit, times = c(3, 6, 12) * 30.4375, extend = TRUE)
out <- data.frame(months = rep(c(3, 6, 12), 3), state = rep(c("conference", "plan_without_conference", "stopped"), each = 3),
                  estimate = as.vector(s$pstate[, 2:4]), se = as.vector(s$std.err[, 2:4]),
                  ci_low = as.vector(s$lower[, 2:4]), ci_high = as.vector(s$upper[, 2:4]))
write.csv(out, "end_states_R.csv", row.names = FALSE)

# Reference values for tests/stats/test_survival.py (ekc_analysis.stats._survival on its own), on R survival's
# veteran data (survival_veteran.csv, written by survival_engine.R; trt 1 = standard, 2 = test; times in days,
# a few ties). Run from tests/reference:  Rscript stats_survival.R   (writes stats_survival_R.csv)
# R 4.2, survival 3.5.
library(survival)
vet <- read.csv("survival_veteran.csv")
out <- list()
put <- function(name, value, time = NA) out[[length(out) + 1]] <<- data.frame(name = name, time = time, value = value)
put("input_md5", unname(tools::md5sum("survival_veteran.csv")))

# Kaplan-Meier, Greenwood variance, log-scale 95 % interval, at every distinct time (censored ones too)
fit <- survfit(Surv(time, status) ~ 1, data = vet, subset = trt == 2)
s <- summary(fit, censored = TRUE)
for (j in seq_along(s$time)) {
  t <- s$time[j]
  put("km_n_risk", s$n.risk[j], t); put("km_n_event", s$n.event[j], t); put("km_n_censor", s$n.censor[j], t)
  put("km_surv", s$surv[j], t); put("km_std_err", s$std.err[j], t)
  put("km_lower", s$lower[j], t); put("km_upper", s$upper[j], t)
}
# the same curve read at given times (extend = TRUE past the last time): n.risk AT the time
st <- summary(fit, times = c(1, 25, 100, 250, 999, 2000), extend = TRUE)
for (j in seq_along(st$time)) {
  put("at_surv", st$surv[j], st$time[j]); put("at_n_risk", st$n.risk[j], st$time[j])
  put("at_lower", st$lower[j], st$time[j]); put("at_upper", st$upper[j], st$time[j])
}
# RMST: print(survfit, rmean = tau), Greenwood-type se(rmean); tau inside and past the last time (999, an event)
for (tau in c(90, 365, 1200)) {
  tab <- summary(fit, rmean = tau)$table
  put("rmean", tab[["rmean"]], tau); put("rmean_se", tab[["se(rmean)"]], tau)
}
# trt 1: its curve reaches 0 at 553 (the last time, an event); RMST to 600, past it
fit1 <- survfit(Surv(time, status) ~ 1, data = vet, subset = trt == 1)
tab <- summary(fit1, rmean = 600)$table
put("rmean_trt1", tab[["rmean"]], 600); put("rmean_se_trt1", tab[["se(rmean)"]], 600)

# log-rank: survdiff, O and E of the group trt == 2
ld <- survdiff(Surv(time, status) ~ trt, data = vet)
put("lr_chisq", ld$chisq); put("lr_p", pchisq(ld$chisq, 1, lower.tail = FALSE))
put("lr_obs", ld$obs[2]); put("lr_exp", ld$exp[2])
ls <- survdiff(Surv(time, status) ~ trt + strata(celltype), data = vet)
put("lrs_chisq", ls$chisq); put("lrs_obs", sum(ls$obs[2, ])); put("lrs_exp", sum(ls$exp[2, ]))
res <- do.call(rbind, out)
res$value <- vapply(res$value, function(v) format(v, digits = 15), "")
write.csv(res, "stats_survival_R.csv", row.names = FALSE, quote = FALSE)

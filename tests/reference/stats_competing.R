# Reference values for tests/stats/test_competing.py and tests/stats/test_aalen_johansen_ij.py
# (ekc_analysis.stats._competing and ._aalen_johansen_ij on their own).
# Data: the example of cmprsk's ?cuminc (set.seed(2); 100 exponential times, groups a/b/c, status 0/1/2), with
# the times rounded to 0.1 so that there are ties (also between causes and with censoring); a cluster label
# (rows in consecutive triples) and non-integer weights are added for the grouped jackknife.
# Written to stats_competing_data.csv. Run from tests/reference:  Rscript stats_competing.R
# R 4.2, survival 3.5.3 (multi-state survfit: IJ std.err, influence = TRUE), cmprsk 2.2 (cuminc, timepoints).
suppressMessages({library(survival); library(cmprsk)})
set.seed(2)
ss <- rexp(100)
gg <- factor(sample(1:3, 100, replace = TRUE), 1:3, c("a", "b", "c"))
cc <- sample(0:2, 100, replace = TRUE)
d <- data.frame(id = 1:100, time = round(ss, 1) + 0.1, status = cc, group = as.character(gg),
                cl = (0:99) %/% 3, w = round(runif(100, 0.5, 2), 3))
write.csv(d, "stats_competing_data.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("stats_competing_data.csv")
out <- list()
put <- function(name, value, time = NA, cause = NA) {
  out[[length(out) + 1]] <<- data.frame(name = name, cause = cause, time = time, value = value)
}
put("input_md5", unname(tools::md5sum("stats_competing_data.csv")))
# Aalen-Johansen by survfit (IJ std.err), every distinct time; plain and weighted
fits <- list(aj = survfit(Surv(time, factor(status)) ~ 1, data = d, id = id, influence = TRUE),
             ajw = survfit(Surv(time, factor(status)) ~ 1, data = d, id = id, weights = w, influence = TRUE))
for (nm in names(fits)) {
  f <- fits[[nm]]
  s <- summary(f, censored = TRUE)
  wt <- if (nm == "ajw") d$w else rep(1, nrow(d))
  for (k in 1:2) {
    put(paste0(nm, "_cif"), s$pstate[, k + 1], s$time, k); put(paste0(nm, "_se"), s$std.err[, k + 1], s$time, k)
    put(paste0(nm, "_lower"), s$lower[, k + 1], s$time, k); put(paste0(nm, "_upper"), s$upper[, k + 1], s$time, k)
    # Clustered: survival 3.5's multi-state survfit ignores cluster = (survfitCI hands only id to its
    # docurve2, so std.err and influence.pstate stay per id). The grouped jackknife it documents is therefore
    # computed from its per-id influence: influence.pstate[, 1 + j, state] is the influence at time j (its first
    # column is the starting time), not weighted; std.err = sqrt(sum((w * influence)^2)), checked here.
    infl <- f$influence.pstate[, -1, k + 1] * wt
    stopifnot(isTRUE(all.equal(sqrt(colSums(infl^2)), f$std.err[, k + 1], tolerance = 1e-12)))
    put(paste0(nm, "_cl_se"), sqrt(colSums(rowsum(infl, d$cl)^2)), f$time, k)
  }
  put(paste0(nm, "_n_risk"), s$n.risk[, 1], s$time)
}
# per-row influence on the CIF at t = 0.5 and 1.5 (unweighted, no cluster): survfit(..., influence = TRUE)
fi <- survfit(Surv(time, factor(status)) ~ 1, data = d, id = id, influence = TRUE)
for (t in c(0.5, 1.5)) {
  j <- max(which(fi$time <= t))
  for (k in 1:2) put(paste0("infl_", t), fi$influence.pstate[, j + 1, k + 1], d$id, k)  # the time column holds the row id
}
# cmprsk::cuminc: estimates read by timepoints() (no group), Gray's test by group
ci <- cuminc(d$time, d$status)
tp <- timepoints(ci, c(0.15, 0.5, 1, 2.05, 3))
for (k in 1:2) put("cuminc_est", tp$est[k, ], c(0.15, 0.5, 1, 2.05, 3), k)
cg <- cuminc(d$time, d$status, d$group)
for (k in 1:2) { put("gray_stat", cg$Tests[k, "stat"], NA, k); put("gray_p", cg$Tests[k, "pv"], NA, k) }
put("gray_rho1_stat", cuminc(d$time, d$status, d$group, rho = 1)$Tests[1, "stat"], NA, 1)
two <- d$group != "c"
put("gray2_stat", cuminc(d$time[two], d$status[two], d$group[two])$Tests[1, "stat"], NA, 1)
# a group with no event of cause 1 (its cause-1 events recoded as cause 2)
s2 <- ifelse(d$group == "c" & d$status == 1, 2, d$status)
cz <- cuminc(d$time, s2, d$group)
put("gray_none_stat", cz$Tests[1, "stat"], NA, 1); put("gray_none_p", cz$Tests[1, "pv"], NA, 1)
res <- do.call(rbind, out)
res$value <- vapply(res$value, function(v) format(v, digits = 15), "")
write.csv(res, "stats_competing_R.csv", row.names = FALSE, quote = FALSE)

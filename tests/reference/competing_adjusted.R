# Reference values for tests/test_competing_adjusted.py. Run from tests/reference/: Rscript competing_adjusted.R
# R 4.2, survival 3.5.3, cmprsk 2.2. Real competing events: survival::mgus2 (1384 patients with MGUS;
# progression to a plasma-cell malignancy, cause 1, competing with death, cause 2; time in months),
# group = sex (M versus F), covariates age and hgb (hgb is missing for 13 patients: adjusted models use the
# 1371 complete rows, curves use all 1384). Added columns, seeded: w = case weights runif(0.5, 2) rounded to
# 4 decimals; cl = clusters of 3 consecutive patients (they mix the sexes); entry = 30 % of the follow-up for
# every fourth patient (left truncation); agegrp = age >= 70 (a stratum).
# Note: survival 3.5.3's multi-state survfit accepts cluster= but passes id, not cluster, to its curve routine
# (survfitCI -> docurve2), so survfit(..., id =, cluster =)$std.err is the per-patient IJ. The clustered
# reference below is therefore the grouped infinitesimal jackknife computed from survfit's own per-patient
# influence (influence = TRUE): rowsum(w * influence, cluster), the definition survfit documents for cluster=.
suppressMessages({library(survival); library(cmprsk)})
m <- mgus2
m$etime <- with(m, ifelse(pstat == 0, futime, ptime))
m$event <- with(m, ifelse(pstat == 0, 2 * death, 1))
set.seed(20261202)
m$w <- round(runif(nrow(m), 0.5, 2), 4)
m$cl <- (seq_len(nrow(m)) - 1) %/% 3
m$entry <- ifelse(m$id %% 4 == 0, round(0.3 * m$etime, 4), 0)
m$agegrp <- as.integer(m$age >= 70)
m$male <- as.integer(m$sex == "M")
d <- m[, c("id", "sex", "male", "age", "hgb", "etime", "event", "w", "cl", "entry", "agegrp")]
write.csv(d, "competing_adjusted_data.csv", row.names = FALSE)
cc <- d[!is.na(d$hgb), ]
out <- list()
put <- function(name, value) out[[length(out) + 1]] <<- data.frame(name = name, value = unname(value))
put("n_all", nrow(d)); put("n_complete", nrow(cc))
X <- cbind(male = cc$male, age = cc$age, hgb = cc$hgb)
for (k in 1:2) {
  fg <- crr(cc$etime, cc$event, X, failcode = k, gtol = 1e-12, maxiter = 100)
  for (j in 1:3) { put(paste0("crr_coef_", k, "_", colnames(X)[j]), fg$coef[j])
                   put(paste0("crr_se_", k, "_", colnames(X)[j]), sqrt(fg$var[j, j])) }
  # non-proportional subdistribution hazards: male x log(time) as a time-varying covariate (cov2, tf)
  tv <- crr(cc$etime, cc$event, X, cov2 = cbind(male = cc$male), tf = function(t) log(t), failcode = k,
            gtol = 1e-12, maxiter = 100)
  put(paste0("crr_tv_coef_", k), tv$coef[4]); put(paste0("crr_tv_se_", k), sqrt(tv$var[4, 4]))
  put(paste0("crr_tv_male_", k), tv$coef[1])
  cs <- coxph(Surv(etime, event == k) ~ male + age + hgb, data = cc, ties = "efron")
  put(paste0("cs_coef_", k), coef(cs)[1]); put(paste0("cs_se_", k), sqrt(vcov(cs)[1, 1]))
  csw <- coxph(Surv(etime, event == k) ~ male + age + hgb, data = cc, ties = "efron", weights = w, cluster = cl)
  put(paste0("csw_coef_", k), coef(csw)[1]); put(paste0("csw_se_", k), sqrt(vcov(csw)[1, 1]))
  cse <- coxph(Surv(entry, etime, event == k) ~ male + age + hgb + strata(agegrp), data = cc, ties = "efron",
               weights = w, cluster = cl)
  put(paste0("cse_coef_", k), coef(cse)[1]); put(paste0("cse_se_", k), sqrt(vcov(cse)[1, 1]))
}
# weighted Aalen-Johansen by sex on all rows: whole curves (IJ, log-scale intervals)
cif_rows <- function(fit, name) {
  s <- summary(fit)
  st <- if (is.null(s$strata)) rep("all", length(s$time)) else sub(".*=", "", as.character(s$strata))
  do.call(rbind, lapply(2:3, function(j) data.frame(data = name, group = st, cause = j - 1, time = s$time,
    cif = s$pstate[, j], se = s$std.err[, j], lower = s$lower[, j], upper = s$upper[, j])))
}
curves <- cif_rows(survfit(Surv(etime, factor(event)) ~ sex, data = d, weights = w, id = id), "weighted")
write.csv(curves, "competing_adjusted_cif_R.csv", row.names = FALSE)
# at 60, 120, 240 months: weighted curves, per-patient and clustered IJ standard errors, M - F differences
times <- c(60, 120, 240)
infl <- list(); est <- list()
for (s in c("M", "F")) {
  sub <- d[d$sex == s, ]
  f <- survfit(Surv(etime, factor(event)) ~ 1, data = sub, id = id, weights = w, influence = TRUE)
  stopifnot(identical(dimnames(f$influence.pstate)[[1]], as.character(sub$id)))
  at <- findInterval(times, f$time)  # index into f$time; influence has a first column for time 0
  wi <- sub$w * f$influence.pstate[, at + 1, 2:3, drop = FALSE]  # patients x times x causes
  stopifnot(max(abs(sqrt(apply(wi^2, 2:3, sum)) - f$std.err[at, 2:3])) < 1e-10)  # survfit's se = IJ
  g <- array(0, c(length(unique(d$cl)), length(times), 2), list(sort(unique(d$cl)), NULL, NULL))
  for (j in 1:2) { a <- rowsum(wi[, , j, drop = FALSE][, , 1], sub$cl); g[rownames(a), , j] <- a }
  infl[[s]] <- g; est[[s]] <- f$pstate[at, 2:3]
  for (j in 1:2) for (i in seq_along(times)) {
    tag <- paste0(s, "_", j, "_", times[i])
    put(paste0("cif_", tag), f$pstate[at[i], j + 1]); put(paste0("se_", tag), f$std.err[at[i], j + 1])
    put(paste0("se_cl_", tag), sqrt(sum(g[, i, j]^2)))
  }
}
for (j in 1:2) for (i in seq_along(times)) {
  tag <- paste0(j, "_", times[i])
  put(paste0("diff_", tag), est$M[i, j] - est$F[i, j])
  put(paste0("diff_se_cl_", tag), sqrt(sum((infl$M[, i, j] - infl$F[, i, j])^2)))
}
# unweighted, clustered (for the curves' clustered intervals without weights)
for (s in c("M", "F")) {
  sub <- d[d$sex == s, ]
  f <- survfit(Surv(etime, factor(event)) ~ 1, data = sub, id = id, influence = TRUE)
  at <- findInterval(times, f$time)
  for (j in 1:2) { a <- rowsum(f$influence.pstate[, at + 1, j + 1], sub$cl)
    for (i in seq_along(times)) put(paste0("se_cl_unw_", s, "_", j, "_", times[i]), sqrt(sum(a[, i]^2))) }
}
res <- do.call(rbind, out)
res$value <- format(res$value, digits = 15)
write.csv(res, "competing_adjusted_R.csv", row.names = FALSE, quote = FALSE)

# Reference values for tests/test_competing.py. Run from tests/reference/: Rscript competing.R
# R 4.2, survival 3.x (multi-state survfit, coxph), cmprsk 2.2 (cuminc, crr; gtol = 1e-12 so the Newton
# iterations run to convergence rather than stopping at the default gtol = 1e-6).
# Data: competing_data.csv (written by competing_data.py, seed 20261125: three causes,
# follow-up in whole months, so many ties) and R survival's mgus2 (progression vs death), written to
# competing_mgus2.csv.
suppressMessages({library(survival); library(cmprsk)})
d <- read.csv("competing_data.csv")
out <- list()
put <- function(name, value) out[[length(out) + 1]] <<- data.frame(name = name, value = value)
cif_rows <- function(fit, data_name, groups) {
  s <- summary(fit)
  st <- if (is.null(s$strata)) rep("all", length(s$time)) else sub(".*=", "", as.character(s$strata))
  k <- ncol(s$pstate)
  states <- fit$states
  do.call(rbind, lapply(2:k, function(j) data.frame(data = data_name, group = st, cause = states[j],
    time = s$time, cif = s$pstate[, j], se = s$std.err[, j], lower = s$lower[, j], upper = s$upper[, j])))
}
# --- simulated data ---------------------------------------------------------------------------
cif <- rbind(
  cif_rows(survfit(Surv(time, factor(status)) ~ arm, data = d), "sim", "arm"),
  cif_rows(survfit(Surv(time, factor(status)) ~ 1, data = d, weights = w), "sim_weighted", "all"),
  # left truncation: every third child observed from 40 % of its follow-up on (one row per id)
  cif_rows(survfit(Surv(entry, time, factor(status)) ~ 1, id = id, weights = w,
                   data = transform(d, entry = ifelse(id %% 3 == 0, round(time * 0.4, 4), 0))),
           "sim_entry_weighted", "all"))
for (k in 1:3) {
  put(paste0("gray_arm_", k), cuminc(d$time, d$status, d$arm)$Tests[k, "stat"])
  put(paste0("gray_arm_p_", k), cuminc(d$time, d$status, d$arm)$Tests[k, "pv"])
  put(paste0("gray_fam3_", k), cuminc(d$time, d$status, d$family %% 3)$Tests[k, "stat"])
  put(paste0("gray_rho1_", k), cuminc(d$time, d$status, d$arm, rho = 1)$Tests[k, "stat"])
  fg <- crr(d$time, d$status, cbind(arm = d$arm), failcode = k, gtol = 1e-12, maxiter = 50)
  put(paste0("crr_coef_", k), fg$coef[1]); put(paste0("crr_se_", k), sqrt(fg$var[1, 1]))
  cs <- coxph(Surv(time, status == k) ~ arm, data = d, ties = "efron")
  put(paste0("cs_coef_", k), coef(cs)[1]); put(paste0("cs_se_", k), sqrt(vcov(cs)[1, 1]))
  csr <- coxph(Surv(time, status == k) ~ arm, data = d, ties = "efron", cluster = family)
  put(paste0("cs_robust_se_", k), sqrt(vcov(csr)[1, 1]))
}
fg2 <- crr(d$time, d$status, cbind(arm = d$arm, age = d$age), failcode = 1, gtol = 1e-12, maxiter = 50)
put("crr2_coef_arm", fg2$coef[1]); put("crr2_coef_age", fg2$coef[2])
put("crr2_se_arm", sqrt(fg2$var[1, 1])); put("crr2_se_age", sqrt(fg2$var[2, 2]))
# variance explained: linear R^2 and Delta R^2; logistic McFadden and Nagelkerke
full <- lm(y ~ arm + age + score, data = d); red <- lm(y ~ age + score, data = d)
put("r2_full", summary(full)$r.squared); put("r2_red", summary(red)$r.squared)
put("r2_delta_p", anova(red, full)[2, "Pr(>F)"])
gf <- glm(yb ~ arm + age + score, binomial, data = d); gr <- glm(yb ~ age + score, binomial, data = d)
g0 <- glm(yb ~ 1, binomial, data = d)
ll <- function(m) as.numeric(logLik(m))
n <- nrow(d)
nag <- function(m) (1 - exp(2 * (ll(g0) - ll(m)) / n)) / (1 - exp(2 * ll(g0) / n))
put("mcfadden_full", 1 - ll(gf) / ll(g0)); put("mcfadden_red", 1 - ll(gr) / ll(g0))
put("nagelkerke_full", nag(gf)); put("nagelkerke_red", nag(gr))
put("lr_p", anova(gr, gf, test = "LRT")[2, "Pr(>Chi)"])
# --- mgus2: progression to plasma-cell malignancy (pcm) competing with death, men vs women ---------
m <- mgus2
m$etime <- with(m, ifelse(pstat == 0, futime, ptime))
m$event <- with(m, ifelse(pstat == 0, 2 * death, 1))
m$status <- factor(m$event, 0:2, labels = c("censor", "pcm", "death"))
write.csv(m[, c("id", "sex", "age", "etime", "event", "status")], "competing_mgus2.csv", row.names = FALSE)
cif <- rbind(cif, cif_rows(survfit(Surv(etime, status) ~ sex, data = m), "mgus2", "sex"))
male <- as.numeric(m$sex == "M")
for (k in 1:2) {
  nm <- c("pcm", "death")[k]
  put(paste0("mgus_gray_", nm), cuminc(m$etime, m$event, m$sex)$Tests[k, "stat"])
  fg <- crr(m$etime, m$event, cbind(male), failcode = k, gtol = 1e-12, maxiter = 50)
  put(paste0("mgus_crr_coef_", nm), fg$coef[1]); put(paste0("mgus_crr_se_", nm), sqrt(fg$var[1, 1]))
  cs <- coxph(Surv(etime, event == k) ~ male, data = m)
  put(paste0("mgus_cs_coef_", nm), coef(cs)[1]); put(paste0("mgus_cs_se_", nm), sqrt(vcov(cs)[1, 1]))
}
write.csv(cif, "competing_cif_R.csv", row.names = FALSE)
put("input_md5", unname(tools::md5sum("competing_data.csv")))
write.csv(do.call(rbind, out), "competing_R.csv", row.names = FALSE)

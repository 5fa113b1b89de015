# Reference values for ekc.survival / balance / propensity_weights / rate_ratio / meta_analysis
# on data/sample/cohort.csv and data/sample/meta_synthetic.csv.
# Run from tests/reference:  Rscript cohort.R   (writes cohort_R.csv and km_R.csv)
# Debian packages: r-base-core, r-cran-survival, r-cran-metafor (MASS comes with R).
library(survival)
library(metafor)
library(MASS)
d <- read.csv("../../data/sample/cohort.csv")
d$arm <- as.integer(d$group == "fgc")
d$behaviour <- as.integer(d$reason == "behaviour")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", unname(tools::md5sum("../../data/sample/cohort.csv")))
put("meta_md5", unname(tools::md5sum("../../data/sample/meta_synthetic.csv")))

# Kaplan-Meier per group (log-scale intervals, R's default) at every distinct time
fit <- survfit(Surv(time, event) ~ group, data = d)
s <- summary(fit, censored = TRUE)
km <- data.frame(group = sub("group=", "", as.character(s$strata)), time = s$time, at_risk = s$n.risk,
                 survival = s$surv, ci_low = s$lower, ci_high = s$upper)
write.csv(format(km, digits = 15), "km_R.csv", row.names = FALSE, quote = FALSE)

# log-rank
sd <- survdiff(Surv(time, event) ~ arm, data = d)
put("logrank_chisq", sd$chisq)

# Cox, Efron ties: crude, adjusted
m <- coxph(Surv(time, event) ~ arm, data = d, ties = "efron")
put("hr", exp(coef(m)[["arm"]])); put("hr_se", sqrt(vcov(m)[1, 1]))
ma <- coxph(Surv(time, event) ~ arm + age + girl + prior_referrals + behaviour + immigrant, data = d)
put("ahr", exp(coef(ma)[["arm"]])); put("ahr_se", sqrt(vcov(ma)["arm", "arm"]))
# proportional hazards: cox.zph (survival >= 3: score test, km transform) of the crude and adjusted models
z <- cox.zph(m)$table
put("zph_crude_arm", z["arm", "chisq"])
za <- cox.zph(ma)$table
for (term in rownames(za)) put(paste0("zph_adj_", term), za[term, "chisq"])

# propensity score (logistic), stabilised ATE weights, weighted Cox with robust SE
ps <- fitted(glm(arm ~ age + girl + prior_referrals + behaviour + immigrant, family = binomial, data = d))
p1 <- mean(d$arm)
d$w <- ifelse(d$arm == 1, p1 / ps, (1 - p1) / (1 - ps))
put("w_sum", sum(d$w)); put("w_max", max(d$w)); put("w_first", d$w[1])
mw <- coxph(Surv(time, event) ~ arm, data = d, weights = w, robust = TRUE)
put("whr", exp(coef(mw)[["arm"]])); put("whr_robust_se", sqrt(vcov(mw)[1, 1]))
ci <- exp(confint(mw)["arm", ])
put("whr_low", ci[[1]]); put("whr_high", ci[[2]])

# standardised mean differences: pooled SD of the unweighted groups
smd <- function(x, w) {
  t <- d$arm == 1
  sdp <- sqrt((var(x[t]) + var(x[!t])) / 2)
  (weighted.mean(x[t], w[t]) - weighted.mean(x[!t], w[!t])) / sdp
}
put("smd_prior", smd(d$prior_referrals, rep(1, nrow(d))))
put("smd_prior_w", smd(d$prior_referrals, d$w))
put("smd_age_w", smd(d$age, d$w))

# re-referral rates
pm <- glm(n_rereferrals ~ arm + offset(log(exposure_years)), family = poisson, data = d)
put("prr", exp(coef(pm)[["arm"]])); put("prr_se", summary(pm)$coefficients["arm", "Std. Error"])
nb <- glm.nb(n_rereferrals ~ arm + offset(log(exposure_years)), data = d)
put("nbrr", exp(coef(nb)[["arm"]])); put("nbrr_se", summary(nb)$coefficients["arm", "Std. Error"])
put("nb_theta", nb$theta)

# meta-analysis of the synthetic study effects
md <- read.csv("../../data/sample/meta_synthetic.csv")
for (method in c("REML", "DL")) {
  # metafor stops REML's Fisher scoring when tau2 moves less than 1e-5; a tight threshold gives the exact
  # REML solution (the default one differs from it by ~1e-4 relative in tau2)
  r <- rma(yi = log_rr, sei = se, data = md, method = method, control = list(threshold = 1e-12, maxiter = 1000))
  pr <- predict(r, pi.type = "riley")  # prediction interval on t(k - 2), as ekc.meta_analysis
  put(paste0(method, "_est"), r$b[[1]]); put(paste0(method, "_low"), r$ci.lb); put(paste0(method, "_high"), r$ci.ub)
  put(paste0(method, "_tau2"), r$tau2); put(paste0(method, "_i2"), r$I2); put(paste0(method, "_q"), r$QE)
  put(paste0(method, "_p"), r$pval); put(paste0(method, "_pi_low"), pr$pi.lb); put(paste0(method, "_pi_high"), pr$pi.ub)
  put(paste0(method, "_w1"), weights(r)[[1]])
}

res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "cohort_R.csv", row.names = FALSE, quote = FALSE)
print(res)

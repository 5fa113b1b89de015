# Reference values for the package's own Cox engine, Kaplan-Meier (robust, weighted, truncated), RMST and
# at-risk numbers, on real public data:
#   survival_rossi.csv  - Rossi et al. (1980) recidivism data, as shipped with Python's lifelines (load_rossi();
#                         = carData::Rossi): weekly times, heavily tied
#   survival_lung.csv, survival_veteran.csv - R survival's lung and veteran data sets, written here.
# Run from tests/reference:  Rscript survival_engine.R
#   writes survival_engine_R.csv (name, value) and survival_km_R.csv (curves).  R 4.2, survival 3.5.
library(survival)
out <- list()
put <- function(name, value) out[[name]] <<- value
ctl <- coxph.control(eps = 1e-9)

r <- read.csv("survival_rossi.csv")
lung2 <- survival::lung
lung2$dead <- as.integer(lung2$status == 2)
write.csv(lung2[, c("inst", "time", "dead", "age", "sex", "ph.ecog", "ph.karno", "wt.loss")],
          "survival_lung.csv", row.names = FALSE, na = "")
vet <- survival::veteran
# time since diagnosis: patients enter the study (are at risk) from randomisation, diagtime months after diagnosis
vet$entry <- vet$diagtime * 30
vet$exit <- vet$entry + vet$time
write.csv(vet, "survival_veteran.csv", row.names = FALSE)

coefs <- function(prefix, m) {
  b <- coef(m); v <- vcov(m)
  for (j in names(b)) {
    put(paste0(prefix, "_coef_", j), b[[j]])
    put(paste0(prefix, "_se_", j), sqrt(v[j, j]))
    if (!is.null(m$naive.var)) put(paste0(prefix, "_naivese_", j), sqrt(m$naive.var[which(names(b) == j), which(names(b) == j)]))
    put(paste0(prefix, "_p_", j), summary(m)$coefficients[j, ncol(summary(m)$coefficients)])
  }
  put(paste0(prefix, "_loglik"), m$loglik[2])
}

zph <- function(prefix, m) {
  z <- cox.zph(m)$table
  for (term in rownames(z)) put(paste0(prefix, "_zph_", term), z[term, "chisq"])
}

# rossi: tied weekly times, Efron and Breslow; robust with unit weights; PH test
f <- Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio
m <- coxph(f, data = r, ties = "efron", control = ctl); coefs("rossi", m)
z <- cox.zph(m)$table
for (term in rownames(z)) { put(paste0("rossi_zph_", term), z[term, "chisq"]); put(paste0("rossi_zphp_", term), z[term, "p"]) }
coefs("rossi_breslow", coxph(f, data = r, ties = "breslow", control = ctl))
coefs("rossi_robust", coxph(f, data = r, ties = "efron", robust = TRUE, control = ctl))
coefs("rossi_fin_robust", coxph(Surv(week, arrest) ~ fin, data = r, robust = TRUE, control = ctl))

# inverse-probability weights for fin, weighted Cox (robust by default) and weighted robust Kaplan-Meier
ps <- fitted(glm(fin ~ age + race + wexp + mar + paro + prio, family = binomial, data = r))
r$w <- ifelse(r$fin == 1, 1 / ps, 1 / (1 - ps))
write.csv(data.frame(w = r$w), "survival_rossi_weights.csv", row.names = FALSE)
coefs("rossi_weighted", coxph(Surv(week, arrest) ~ fin, data = r, weights = w, robust = TRUE, control = ctl))
coefs("rossi_weighted_adj", coxph(f, data = r, weights = w, control = ctl))
zph("rossi_weighted_adj", coxph(f, data = r, weights = w, control = ctl))

# lung: stratified, clustered (cluster() implies the robust variance)
l <- lung2[complete.cases(lung2[, c("inst", "time", "dead", "age", "sex", "ph.ecog", "wt.loss")]), ]
coefs("lung_strata", coxph(Surv(time, dead) ~ age + sex + wt.loss + strata(ph.ecog), data = l, control = ctl))
coefs("lung_cluster", coxph(Surv(time, dead) ~ age + sex + wt.loss, cluster = inst, data = l, control = ctl))
coefs("lung_cluster_strata", coxph(Surv(time, dead) ~ age + sex + strata(ph.ecog), cluster = inst, data = l,
                                   control = ctl))

zph("lung_strata", coxph(Surv(time, dead) ~ age + sex + wt.loss + strata(ph.ecog), data = l, control = ctl))

# the same through ekc.survival(lung, "time", "dead", "sex", treated=1, ...): arm = male
l$male <- as.integer(l$sex == 1)
coefs("lung_sx_cluster", coxph(Surv(time, dead) ~ male, cluster = inst, data = l, control = ctl))
coefs("lung_sx_strata", coxph(Surv(time, dead) ~ male + strata(ph.ecog), data = l, control = ctl))
coefs("lung_sx_adj", coxph(Surv(time, dead) ~ male + age + wt.loss, cluster = inst, data = l, control = ctl))
put("lung_sx_logrank_strata", survdiff(Surv(time, dead) ~ male + strata(ph.ecog), data = l)$chisq)

# veteran: left truncation on the time-since-diagnosis scale, with a factor (reference squamous)
vet$smallcell <- as.integer(vet$celltype == "smallcell"); vet$adeno <- as.integer(vet$celltype == "adeno")
vet$large <- as.integer(vet$celltype == "large")
coefs("vet_entry", coxph(Surv(entry, exit, status) ~ trt + karno + smallcell + adeno + large, data = vet,
                         control = ctl))
zph("vet_entry", coxph(Surv(entry, exit, status) ~ trt + karno + smallcell + adeno + large, data = vet,
                       control = ctl))
vet$row <- seq_len(nrow(vet))
vet$trt2 <- as.integer(vet$trt == 2)
coefs("vet_entry_trt", coxph(Surv(entry, exit, status) ~ trt2, data = vet, control = ctl))
# log-rank with delayed entry: survdiff has no (start, stop] form; the score test at beta = 0 of the exact
# partial likelihood is the log-rank test with its hypergeometric variance (equal to survdiff without entry)
put("vet_entry_logrank", coxph(Surv(entry, exit, status) ~ trt2, data = vet, ties = "exact", iter.max = 0)$score)
put("vet_logrank_exact", coxph(Surv(time, status) ~ trt2, data = vet, ties = "exact", iter.max = 0)$score)
put("vet_logrank_survdiff", survdiff(Surv(time, status) ~ trt2, data = vet)$chisq)
coefs("vet_entry_robust", coxph(Surv(entry, exit, status) ~ trt + karno, data = vet, cluster = row,
                                control = ctl))

# RMST (restricted mean) and its SE as print(survfit, rmean = tau)
tab <- summary(survfit(Surv(time, dead) ~ sex, data = lung2), rmean = 365)$table
for (g in 1:2) { put(paste0("lung_rmst_", g), tab[g, "rmean"]); put(paste0("lung_rmst_se_", g), tab[g, "se(rmean)"]) }
tab <- summary(survfit(Surv(week, arrest) ~ fin, data = r), rmean = 40)$table
for (g in 1:2) { put(paste0("rossi_rmst_", g - 1), tab[g, "rmean"]); put(paste0("rossi_rmst_se_", g - 1), tab[g, "se(rmean)"]) }
# weighted: the infinitesimal-jackknife SE of the area, from survfit's influence of S(t) (weights included)
for (g in 0:1) {
  s <- r[r$fin == g, ]
  fw <- survfit(Surv(week, arrest) ~ 1, data = s, weights = w, influence = TRUE)
  keep <- fw$time <= 40
  tt <- c(fw$time[keep], 40)
  width <- diff(tt)
  put(paste0("rossi_wrmst_", g), sum(diff(c(0, tt)) * c(1, fw$surv[keep])))
  put(paste0("rossi_wrmst_se_", g), sqrt(sum((fw$influence.surv[, keep, drop = FALSE] %*% width)^2)))
}

# at-risk numbers AT t: summary(survfit, times = )
toy <- data.frame(time = c(1, 2, 2, 3, 1, 2, 3, 3), event = c(1, 1, 0, 1, 1, 0, 1, 0), g = c(1, 1, 1, 1, 0, 0, 0, 0))
s <- summary(survfit(Surv(time, event) ~ g, data = toy), times = c(2, 3))
for (i in seq_along(s$time)) put(paste0("toy_atrisk_", sub("g=", "", s$strata[i]), "_", s$time[i]), s$n.risk[i])
s <- summary(survfit(Surv(week, arrest) ~ fin, data = r), times = c(10, 26, 52))
for (i in seq_along(s$time)) {
  key <- paste0(sub("fin=", "", s$strata[i]), "_", s$time[i])
  put(paste0("rossi_atrisk_", key), s$n.risk[i]); put(paste0("rossi_surv_", key), s$surv[i])
}

# curves: weighted (robust by default for non-integer weights), clustered, left-truncated
curve <- function(fit, label) {
  s <- summary(fit, censored = TRUE)
  st <- if (is.null(s$strata)) rep("all", length(s$time)) else sub(".*=", "", as.character(s$strata))
  data.frame(curve = label, group = st, time = s$time, at_risk = s$n.risk, survival = s$surv,
             std_err = s$std.err, ci_low = s$lower, ci_high = s$upper)
}
km <- rbind(curve(survfit(Surv(week, arrest) ~ fin, data = r, weights = w), "rossi_weighted"),
            curve(survfit(Surv(time, dead) ~ sex, data = l, cluster = inst), "lung_cluster"),
            curve(survfit(Surv(entry, exit, status) ~ trt, data = vet), "vet_entry"))
write.csv(format(km, digits = 15), "survival_km_R.csv", row.names = FALSE, quote = FALSE)

res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "survival_engine_R.csv", row.names = FALSE, quote = FALSE)
cat(nrow(res), "values\n")

# Reference values for the three-level meta-analysis, its CR2 robust test, trim-and-fill and PET-PEESE.
# Rscript tests/reference/meta_multilevel.R   (metafor 3.8.1, clubSandwich 0.5.8; writes meta_multilevel_R.csv
# and the data sets meta_konstantopoulos.csv, meta_hackshaw.csv)
suppressMessages({library(metafor); library(clubSandwich)})
out <- list()
put <- function(name, value) out[[name]] <<- unname(value)
dir <- "tests/reference"
if (!dir.exists(dir)) dir <- "."

# several effects per study: schools (effects) within districts (studies), Konstantopoulos (2011)
d <- dat.konstantopoulos2011
write.csv(data.frame(district = d$district, school = d$school, yi = d$yi, vi = d$vi),
          file.path(dir, "meta_konstantopoulos.csv"), row.names = FALSE)
fit <- rma.mv(yi, vi, random = ~ 1 | district/school, data = d, method = "REML")
put("ml_estimate", coef(fit)); put("ml_se", fit$se); put("ml_ci_low", fit$ci.lb); put("ml_ci_high", fit$ci.ub)
put("ml_p", fit$pval); put("ml_sigma2_study", fit$sigma2[1]); put("ml_sigma2_effect", fit$sigma2[2])
put("ml_loglik", logLik(fit))
pr <- predict(fit)
put("ml_pi_low", pr$pi.lb); put("ml_pi_high", pr$pi.ub)
ct <- coef_test(fit, vcov = "CR2", cluster = d$district, test = "Satterthwaite")
put("cr2_se", ct$SE); put("cr2_df", ct$df_Satt); put("cr2_p", ct$p_Satt)
ci <- conf_int(fit, vcov = "CR2", cluster = d$district)
put("cr2_ci_low", ci$CI_L); put("cr2_ci_high", ci$CI_U)
# t test of the model-based estimate (metafor test = "t": df = k - 1)
fit_t <- rma.mv(yi, vi, random = ~ 1 | district/school, data = d, method = "REML", test = "t")
put("mlt_ci_low", fit_t$ci.lb); put("mlt_ci_high", fit_t$ci.ub); put("mlt_p", fit_t$pval)

# small-study effects: passive smoking and lung cancer (Hackshaw 1998), log odds ratios
h <- dat.hackshaw1998
write.csv(data.frame(study = h$study, yi = h$yi, vi = h$vi), file.path(dir, "meta_hackshaw.csv"), row.names = FALSE)
for (m in c("FE", "REML")) {
  base <- rma(yi, vi, data = h, method = m)
  tf <- trimfill(base)
  put(paste0("tf_", m, "_k0"), tf$k0); put(paste0("tf_", m, "_side"), ifelse(tf$side == "left", -1, 1))
  put(paste0("tf_", m, "_estimate"), coef(tf)); put(paste0("tf_", m, "_se"), tf$se)
  put(paste0("tf_", m, "_ci_low"), tf$ci.lb); put(paste0("tf_", m, "_ci_high"), tf$ci.ub)
  put(paste0("tf_", m, "_tau2"), tf$tau2)
}
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
tfb <- trimfill(rma(yi, vi, data = bcg, method = "REML"))
put("tf_bcg_k0", tfb$k0); put("tf_bcg_estimate", coef(tfb)); put("tf_bcg_se", tfb$se)
put("tf_bcg_side", ifelse(tfb$side == "left", -1, 1))
pet <- summary(lm(yi ~ sqrt(vi), weights = 1 / vi, data = h))$coefficients
peese <- summary(lm(yi ~ vi, weights = 1 / vi, data = h))$coefficients
put("pet_estimate", pet[1, 1]); put("pet_se", pet[1, 2]); put("pet_p", pet[1, 4])
put("peese_estimate", peese[1, 1]); put("peese_se", peese[1, 2]); put("peese_p", peese[1, 4])
res <- data.frame(name = names(out), value = sprintf("%.15g", unlist(out)))
write.csv(res, file.path(dir, "meta_multilevel_R.csv"), row.names = FALSE, quote = FALSE)

# Reference values for ekc.compare with three groups: the omnibus tests.
# Run from tests/reference:  Rscript groups3.R   (writes groups3_R.csv)
# Data: the package's synthetic samples wodc.csv (one row per family: held / not_held / cau) and
# zonmw.csv (children in families; groups cau / held / not_held from the arm and conference_held).
# Debian packages: r-base-core, r-cran-clubsandwich.
suppressMessages(library(clubSandwich))
w <- read.csv("../../data/sample/wodc.csv")
z <- read.csv("../../data/sample/zonmw.csv")
z$g3 <- factor(ifelse(z$group == "cau", "cau", ifelse(z$conference_held == 1, "held", "not_held")),
               levels = c("cau", "held", "not_held"))
w$group <- factor(w$group, levels = c("cau", "held", "not_held"))
out <- list()
put <- function(name, value) out[[name]] <<- value
put("wodc_md5", unname(tools::md5sum("../../data/sample/wodc.csv")))
put("zonmw_md5", unname(tools::md5sum("../../data/sample/zonmw.csv")))
ct <- suppressWarnings(chisq.test(table(w$group, w$ots_extension), correct = FALSE))
put("wodc_chisq", unname(ct$statistic)); put("wodc_chisq_p", ct$p.value)
ow <- oneway.test(safety_12 ~ group, data = w, var.equal = FALSE)
put("wodc_welch_f", unname(ow$statistic)); put("wodc_welch_p", ow$p.value); put("wodc_welch_df2", unname(ow$parameter[2]))
# the two-group contrasts are the existing, R-checked compare(): one number each as a cross-check
put("wodc_held_rd", mean(w$ots_extension[w$group == "held"]) - mean(w$ots_extension[w$group == "cau"]))
tt <- t.test(safety_12 ~ group, data = droplevels(w[w$group != "held", ]))
put("wodc_notheld_md_low", -tt$conf.int[2])
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
m_lin <- lm(safety_12 ~ g3, data = z)
wl <- Wald_test(m_lin, constraints = constrain_zero(2:3), vcov = "CR2", cluster = z$family_id, test = "Naive-F")
put("zonmw_lin_f", wl$Fstat); put("zonmw_lin_p", wl$p_val); put("zonmw_lin_df2", wl$df_denom)
m_log <- glm(placed ~ g3, family = binomial, data = z, control = ctl)
wg <- Wald_test(m_log, constraints = constrain_zero(2:3), vcov = "CR2", cluster = z$family_id, test = "Naive-F")
put("zonmw_log_f", wg$Fstat); put("zonmw_log_p", wg$p_val)
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "groups3_R.csv", row.names = FALSE, quote = FALSE)
print(res)

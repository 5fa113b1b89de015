# Reference values for ekc.compare with three groups and covariates: the adjusted omnibus Wald test
# (HC2 by hand with sandwich; CR2 with clubSandwich::Wald_test), the pooled contrast (combine =) and the
# multiplicity adjustment (p.adjust). car is not installed, so the HC2 Wald test is computed by hand.
# Run from tests/reference:  Rscript groups_adjusted.R   (writes groups_adjusted_R.csv)
# Debian packages: r-base-core, r-cran-sandwich, r-cran-clubsandwich.
suppressMessages({library(sandwich); library(clubSandwich)})
w <- read.csv("../../ekc_analysis/intake/sample/wodc.csv")
z <- read.csv("../../ekc_analysis/intake/sample/zonmw.csv")
w$group <- factor(w$group, levels = c("cau", "held", "not_held"))
z$g3 <- factor(ifelse(z$group == "cau", "cau", ifelse(z$conference_held == 1, "held", "not_held")),
               levels = c("cau", "held", "not_held"))
out <- list()
put <- function(name, value) out[[name]] <<- value
put("wodc_md5", unname(tools::md5sum("../../ekc_analysis/intake/sample/wodc.csv")))
put("zonmw_md5", unname(tools::md5sum("../../ekc_analysis/intake/sample/zonmw.csv")))
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
hc2_wald <- function(fit, terms) {  # b' V^-1 b with V = vcovHC(HC2) of the group terms; chi-square on q df
  b <- coef(fit)[terms]; V <- vcovHC(fit, type = "HC2")[terms, terms]
  stat <- drop(t(b) %*% solve(V, b)); c(stat, pchisq(stat, length(terms), lower.tail = FALSE))
}
f_lin <- safety_12 ~ group + age + prior_reports + non_western + safety_0
m <- lm(f_lin, data = w)
put("n_lin", nobs(m))
r <- hc2_wald(m, c("groupheld", "groupnot_held")); put("wodc_lin_wald", r[1]); put("wodc_lin_wald_p", r[2])
g <- glm(ots_extension ~ group + age + prior_reports + non_western, family = binomial, data = w, control = ctl)
r <- hc2_wald(g, c("groupheld", "groupnot_held")); put("wodc_log_wald", r[1]); put("wodc_log_wald_p", r[2])
# contrasts of the adjusted mean difference (each pair alone, as compare does), HC2 and t on n - p; offered pooled
w$offered <- factor(ifelse(w$group == "cau", "cau", "offered"), levels = c("cau", "offered"))
contrast <- function(d, arm) {
  fit <- lm(update(f_lin, as.formula(paste(". ~ . - group +", arm))), data = d)  # the arm term comes last
  k <- length(coef(fit)); se <- sqrt(vcovHC(fit, type = "HC2")[k, k]); b <- coef(fit)[k]; df <- fit$df.residual
  c(b, b - qt(0.975, df) * se, 2 * pt(abs(b / se), df, lower.tail = FALSE), df)
}
held <- contrast(droplevels(w[w$group != "not_held", ]), "group")
not_held <- contrast(droplevels(w[w$group != "held", ]), "group")
offered <- contrast(w, "offered")
for (nm in c("held", "not_held", "offered")) {
  v <- get(nm); put(paste0(nm, "_amd"), v[1]); put(paste0(nm, "_amd_low"), v[2]); put(paste0(nm, "_amd_p"), v[3])
  put(paste0(nm, "_amd_df"), v[4])
}
p <- c(held[3], not_held[3], offered[3])
ph <- p.adjust(p, "holm"); pb <- p.adjust(p, "BH")
for (i in 1:3) {
  nm <- c("held", "not_held", "offered")[i]; put(paste0(nm, "_holm"), ph[i]); put(paste0(nm, "_bh"), pb[i])
}
# clustered: children in families (ZonMw sample), CR2 Wald test of the group terms adjusted for safety_0
mz <- lm(safety_12 ~ g3 + safety_0, data = z)
for (test in c("chi-sq", "Naive-F", "HTZ")) {
  wt <- Wald_test(mz, constraints = constrain_zero(2:3), vcov = "CR2", cluster = z$family_id, test = test)
  put(paste0("zonmw_", gsub("-", "", test), "_stat"), wt$Fstat); put(paste0("zonmw_", gsub("-", "", test), "_p"), wt$p_val)
  put(paste0("zonmw_", gsub("-", "", test), "_df2"), wt$df_denom)
}
# HTZ without covariates, linear and logistic (the unadjusted clustered omnibus)
mz0 <- lm(safety_12 ~ g3, data = z)
ht <- Wald_test(mz0, constraints = constrain_zero(2:3), vcov = "CR2", cluster = z$family_id, test = "HTZ")
put("zonmw_lin_htz_stat", ht$Fstat); put("zonmw_lin_htz_p", ht$p_val); put("zonmw_lin_htz_df2", ht$df_denom)
gz <- glm(placed ~ g3, family = binomial, data = z, control = ctl)
ht <- Wald_test(gz, constraints = constrain_zero(2:3), vcov = "CR2", cluster = z$family_id, test = "HTZ")
put("zonmw_log_htz_stat", ht$Fstat); put("zonmw_log_htz_p", ht$p_val); put("zonmw_log_htz_df2", ht$df_denom)
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "groups_adjusted_R.csv", row.names = FALSE, quote = FALSE)
print(res)

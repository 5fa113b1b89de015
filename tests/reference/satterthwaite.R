# CR2 with Satterthwaite degrees of freedom (clubSandwich's coef_test default) on a real few-cluster data set:
# clubSandwich::AchievementAwardsRCT (Angrist and Lavy 2009), the 10 Arab schools in 2001 (5 treated : 5 control,
# 2 to 200-odd pupils each); glm fits converged to 1e-14 so that the Python fit and R agree to 1e-6. Run from the repository root: Rscript tests/reference/satterthwaite.R
suppressMessages(library(clubSandwich))
d <- subset(AchievementAwardsRCT, year == 2001 & school_type == "Arab",
            select = c(school_id, treated, sex, lagscore, Bagrut_status, attempted))
d <- d[complete.cases(d), ]
d$boy <- as.integer(d$sex == "Boy")
d$school_id <- as.integer(as.character(d$school_id))
d <- d[order(d$school_id), c("school_id", "treated", "boy", "lagscore", "Bagrut_status", "attempted")]
write.csv(d, "tests/reference/satterthwaite_data.csv", row.names = FALSE)
out <- list(input_md5 = unname(tools::md5sum("tests/reference/satterthwaite_data.csv")),
            n = nrow(d), n_clusters = length(unique(d$school_id)))
models <- list(
  lm = lm(Bagrut_status ~ treated, data = d),
  lm_x = lm(Bagrut_status ~ treated + lagscore + boy, data = d),
  lm_att = lm(attempted ~ treated + lagscore, data = d),
  logit = glm(Bagrut_status ~ treated, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100)),
  logit_x = glm(Bagrut_status ~ treated + lagscore + boy, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100)),
  pois = glm(Bagrut_status ~ treated, family = poisson, data = d, control = glm.control(epsilon = 1e-14, maxit = 100)))
for (m in names(models)) {
  fit <- models[[m]]
  ct <- coef_test(fit, vcov = "CR2", cluster = d$school_id, test = "Satterthwaite")
  ci <- conf_int(fit, vcov = "CR2", cluster = d$school_id, test = "Satterthwaite", level = 0.95)
  for (i in seq_len(nrow(ct))) {
    k <- gsub("[()]", "", ct$Coef[i])
    out[[paste(m, k, "se", sep = "_")]] <- ct$SE[i]
    out[[paste(m, k, "df", sep = "_")]] <- ct$df_Satt[i]
    out[[paste(m, k, "p", sep = "_")]] <- ct$p_Satt[i]
    out[[paste(m, k, "low", sep = "_")]] <- ci$CI_L[i]
    out[[paste(m, k, "high", sep = "_")]] <- ci$CI_U[i]
  }
}
# a linear combination (treated + 10 · lagscore): linear_contrast with Satterthwaite df
lc <- linear_contrast(models$lm_x, vcov = "CR2", cluster = d$school_id, test = "Satterthwaite",
                      contrasts = matrix(c(0, 1, 10, 0), nrow = 1))
out$lm_x_combo_df <- lc$df
out$lm_x_combo_low <- lc$CI_L
write.csv(data.frame(name = names(out), value = unlist(out)), "tests/reference/satterthwaite_R.csv",
          row.names = FALSE)

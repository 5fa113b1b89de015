# Reference values for tests/stats/test_models.py (ekc_analysis.stats._models on its own), on data shipped with R:
#   datasets::infert (248 women in 83 matched sets `stratum`; case = infertile), arm = any induced abortion;
#   datasets::mtcars (mpg ~ wt + hp); datasets::ChickWeight (weight ~ Time, 50 chicks as clusters).
# Written to stats_models_infert.csv, stats_models_mtcars.csv, stats_models_chick.csv.
# Run from tests/reference:  Rscript stats_models.R   (writes stats_models_R.csv)
# R 4.2: glm (epsilon 1e-14), lm, sandwich::vcovHC(type = "HC2"), clubSandwich::vcovCR(type = "CR2") with
# coef_test(test = "Satterthwaite") and linear_contrast(test = "Satterthwaite") for the g-computation gradient.
suppressMessages({library(sandwich); library(clubSandwich)})
inf <- transform(datasets::infert, arm = as.integer(induced > 0))[, c("stratum", "case", "arm", "spontaneous", "age")]
write.csv(inf, "stats_models_infert.csv", row.names = FALSE, quote = FALSE)
write.csv(datasets::mtcars[, c("mpg", "wt", "hp")], "stats_models_mtcars.csv", row.names = FALSE, quote = FALSE)
ck <- data.frame(chick = as.integer(as.character(ChickWeight$Chick)), time = ChickWeight$Time, weight = ChickWeight$weight)
write.csv(ck, "stats_models_chick.csv", row.names = FALSE, quote = FALSE)
inf <- read.csv("stats_models_infert.csv"); mt <- read.csv("stats_models_mtcars.csv"); ck <- read.csv("stats_models_chick.csv")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", paste(unname(tools::md5sum(c("stats_models_infert.csv", "stats_models_mtcars.csv",
                                               "stats_models_chick.csv"))), collapse = "-"))
tight <- glm.control(epsilon = 1e-14, maxit = 100)
key <- function(k) ifelse(k == "(Intercept)", "const", k)
models <- list(
  logit = glm(case ~ arm + spontaneous + age, family = binomial, data = inf, control = tight),
  pois = glm(case ~ arm + spontaneous + age, family = poisson, data = inf, control = tight),
  lm_mt = lm(mpg ~ wt + hp, data = mt),
  lm_ck = lm(weight ~ time, data = ck))
clusters <- list(logit = inf$stratum, pois = inf$stratum, lm_mt = NULL, lm_ck = ck$chick)
for (nm in names(models)) {
  m <- models[[nm]]; b <- coef(m)
  vml <- vcov(m); vh <- vcovHC(m, type = "HC2")
  for (k in names(b)) {
    put(paste(nm, key(k), "coef", sep = "_"), b[[k]])
    put(paste(nm, key(k), "se", sep = "_"), sqrt(vml[k, k]))       # ML (glm) / classical (lm)
    put(paste(nm, key(k), "hc2_se", sep = "_"), sqrt(vh[k, k]))
  }
  put(paste(nm, "df_resid", sep = "_"), df.residual(m))
  if (!is.null(clusters[[nm]])) {
    vc <- vcovCR(m, cluster = clusters[[nm]], type = "CR2")
    ct <- coef_test(m, vcov = vc, test = "Satterthwaite")
    for (k in names(b)) {
      put(paste(nm, key(k), "cr2_se", sep = "_"), ct[k, "SE"]); put(paste(nm, key(k), "cr2_df", sep = "_"), ct[k, "df_Satt"])
      put(paste(nm, key(k), "cr2_p", sep = "_"), ct[k, "p_Satt"])
    }
    put(paste(nm, "n_clusters", sep = "_"), length(unique(clusters[[nm]])))
  }
}
# g-computation risk difference (arm 1 vs 0 for everyone), delta method with HC2 and with CR2 (Satterthwaite df)
m <- models$logit
X1 <- model.matrix(m); X1[, "arm"] <- 1
X0 <- model.matrix(m); X0[, "arm"] <- 0
p1 <- plogis(X1 %*% coef(m)); p0 <- plogis(X0 %*% coef(m))
grad <- colMeans(X1 * as.vector(p1 * (1 - p1))) - colMeans(X0 * as.vector(p0 * (1 - p0)))
put("rd", mean(p1) - mean(p0))
put("rd_ml_se", sqrt(drop(grad %*% vcov(m) %*% grad)))
put("rd_hc2_se", sqrt(drop(grad %*% vcovHC(m, type = "HC2") %*% grad)))
vc <- vcovCR(m, cluster = inf$stratum, type = "CR2")
lc <- linear_contrast(m, vcov = vc, contrasts = matrix(grad, nrow = 1), test = "Satterthwaite")
put("rd_cr2_se", sqrt(drop(grad %*% vc %*% grad))); put("rd_cr2_df", lc$df)
put("rd_cr2_low", mean(p1) - mean(p0) - qt(0.975, lc$df) * sqrt(drop(grad %*% vc %*% grad)))
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_models_R.csv", row.names = FALSE, quote = FALSE)

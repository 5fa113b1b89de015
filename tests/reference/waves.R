# Reference values for ekc.compare_waves: linear mixed models as nlme::lme (REML) and binary outcomes
# by GEE as geepack::geeglm (exchangeable working correlation, sandwich SE).
# Run from tests/reference:  Rscript waves.R   (writes btheb_long.csv, respiratory_long.csv, waves_R.csv)
# Data: Beat the Blues (HSAUR3::BtheB: 100 patients, BDI at 2, 3, 5 and 8 months with dropout), the
# respiratory trial (geepack::respiratory: 111 patients, 4 visits, binary), and waves_nested.csv
# (synthetic: waves within children within families, made by waves_make_nested.py).
# Debian: r-base-core (nlme), r-cran-geepack; HSAUR3 from CRAN where available.
suppressMessages({library(nlme); library(geepack); library(HSAUR3)})
data("BtheB", package = "HSAUR3")
b <- BtheB; b$id <- seq_len(nrow(b))
long <- reshape(b, idvar = "id", varying = c("bdi.2m", "bdi.3m", "bdi.5m", "bdi.8m"), v.names = "bdi",
                timevar = "wave", times = c(2, 3, 5, 8), direction = "long")
long <- long[!is.na(long$bdi), c("id", "treatment", "bdi.pre", "wave", "bdi")]
long <- long[order(long$id, long$wave), ]
write.csv(long, "btheb_long.csv", row.names = FALSE)
data("respiratory", package = "geepack")
r <- respiratory; r$pid <- paste(r$center, r$id, sep = "-")
r <- r[order(r$center, r$id, r$visit), c("pid", "center", "treat", "visit", "outcome")]
write.csv(r, "respiratory_long.csv", row.names = FALSE)
out <- list()
put <- function(name, value) out[[name]] <<- value
per_wave <- function(prefix, b, V, waves, arm = "arm") {
  for (w in waves) {
    L <- setNames(rep(0, length(b)), names(b)); L[arm] <- 1
    term <- paste0(arm, ":factor(wave)", w)
    if (term %in% names(L)) L[term] <- 1
    put(paste0(prefix, "_est_", w), sum(L * b)); put(paste0(prefix, "_se_", w), sqrt(drop(t(L) %*% V %*% L)))
  }
  i <- grep(paste0("^", arm, ":"), names(b))
  put(paste0(prefix, "_chisq"), drop(t(b[i]) %*% solve(V[i, i]) %*% b[i]))
}
ctl <- lmeControl(opt = "optim", msTol = 1e-14, tolerance = 1e-12, niterEM = 1000, msMaxIter = 1000)
long <- read.csv("btheb_long.csv"); long$arm <- as.integer(long$treatment == "BtheB")
m <- lme(bdi ~ arm * factor(wave), random = ~ 1 | id, data = long, method = "REML", control = ctl)
per_wave("btheb", fixef(m), vcov(m), c(2, 3, 5, 8))
put("btheb_sigma", m$sigma); put("btheb_sd_id", as.numeric(VarCorr(m)["(Intercept)", "StdDev"]))
m2 <- lme(bdi ~ bdi.pre + arm * factor(wave), random = ~ 1 | id, data = long, method = "REML", control = ctl)
per_wave("btheb_adj", fixef(m2), vcov(m2), c(2, 3, 5, 8))
nest <- read.csv("waves_nested.csv"); nest$arm <- as.integer(nest$group == "fgc")
m3 <- lme(score ~ arm * factor(wave), random = ~ 1 | family/child, data = nest, method = "REML", control = ctl)
per_wave("nested", fixef(m3), vcov(m3), c(0, 6, 12))
vc <- as.numeric(VarCorr(m3)[c(2, 4, 5), "StdDev"])
put("nested_sd_family", vc[1]); put("nested_sd_child", vc[2]); put("nested_sigma", vc[3])
resp <- read.csv("respiratory_long.csv"); resp$arm <- as.integer(resp$treat == "A")
g <- geeglm(outcome ~ arm * factor(visit), id = factor(pid), data = resp, family = binomial,
            corstr = "exchangeable", control = geese.control(epsilon = 1e-12, maxit = 100))
names(g$coefficients) <- sub("visit", "wave", names(g$coefficients))
V <- vcov(g); dimnames(V) <- list(names(g$coefficients), names(g$coefficients))
per_wave("resp", coef(g), V, 1:4)
put("resp_alpha", unname(summary(g)$corr$Estimate)); put("resp_scale", unname(summary(g)$dispersion$Estimate))
g2 <- geeglm(improved ~ arm * factor(wave), id = factor(family), data = nest, family = binomial,
             corstr = "exchangeable", control = geese.control(epsilon = 1e-12, maxit = 100))
V2 <- vcov(g2); dimnames(V2) <- list(names(coef(g2)), names(coef(g2)))
per_wave("nested_gee", coef(g2), V2, c(0, 6, 12))
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "waves_R.csv", row.names = FALSE, quote = FALSE)
print(res)

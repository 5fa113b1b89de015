# Reference values for ekc.compare_waves on data/sample/trial_long.csv (repeated measures).
# Run from tests/reference:  Rscript trial_long.R   (writes trial_long_R.csv)
# nlme ships with R as a recommended package (Debian: r-base-core pulls r-cran-nlme).
library(nlme)
d <- read.csv("../../data/sample/trial_long.csv")
d$arm <- as.integer(d$group == "fgc")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", unname(tools::md5sum("../../data/sample/trial_long.csv")))

# safety ~ arm * wave with a random intercept per family, REML; the FGC - control difference per wave
# is the arm coefficient plus its interaction with that wave (Wald standard error from vcov)
m <- lme(safety ~ arm * factor(wave), random = ~ 1 | id, data = d, method = "REML", na.action = na.omit)
b <- fixef(m); V <- vcov(m)
for (w in sort(unique(d$wave))) {
  L <- setNames(rep(0, length(b)), names(b))
  L["arm"] <- 1
  term <- paste0("arm:factor(wave)", w)
  if (term %in% names(L)) L[term] <- 1
  put(paste0("md_wave", w), sum(L * b))
  put(paste0("se_wave", w), sqrt(drop(t(L) %*% V %*% L)))
}
i <- grep("^arm:", names(b))
put("interaction_chisq", drop(t(b[i]) %*% solve(V[i, i]) %*% b[i]))

res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "trial_long_R.csv", row.names = FALSE, quote = FALSE)
print(res)

# Reference for ekc_analysis.stats._cluster.clustered_ratio / ekc.plans professional_share.
# Run from tests/reference:  Rscript professional_share.R
# R packages: sandwich (Debian r-cran-sandwich).
library(sandwich)
d <- read.csv("agreements_small.csv")
fit <- lm(professional ~ 1, data = d)
v <- vcovCL(fit, cluster = ~case_id)          # default type "HC1", cadjust = TRUE
out <- data.frame(estimate = coef(fit)[[1]], se = sqrt(v[1, 1]),
                  n_agreements = nrow(d), n_cases = length(unique(d$case_id)))
write.csv(format(out, digits = 15), "professional_share_R.csv", row.names = FALSE, quote = FALSE)
print(out, digits = 12)

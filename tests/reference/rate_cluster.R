# Reference values for ekc.rate_ratio(..., cluster=): Poisson and negative-binomial rate ratios with
# CR2 cluster-robust errors and t on G - 1 df (clubSandwich::vcovCR(type = "CR2"), coef_test "naive-t") and on
# Satterthwaite df (coef_test "Satterthwaite", the default of rate_ratio).
# Run from tests/reference:  Rscript rate_cluster.R   (writes rate_cluster_data.csv and rate_cluster_R.csv)
# Debian: r-base-core (MASS), r-cran-clubsandwich.
suppressMessages({library(MASS); library(clubSandwich)})
set.seed(2015)
fam <- data.frame(family = sprintf("F%03d", 1:150), arm = rep(c(1, 0), c(90, 60)), u = rgamma(150, 2, 2))
d <- fam[rep(1:150, sample(1:3, 150, replace = TRUE)), ]
d$years <- round(runif(nrow(d), 0.5, 3), 3)
d$count <- rnbinom(nrow(d), mu = d$years * 0.6 * exp(0.25 * d$arm) * d$u, size = 3)
d$age <- sample(0:17, nrow(d), replace = TRUE)
write.csv(d[, c("family", "arm", "years", "count", "age")], "rate_cluster_data.csv", row.names = FALSE)
d <- read.csv("rate_cluster_data.csv")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", unname(tools::md5sum("rate_cluster_data.csv")))
for (adj in c(FALSE, TRUE)) {
  f <- if (adj) count ~ arm + age + offset(log(years)) else count ~ arm + offset(log(years))
  key <- if (adj) "adj_" else ""
  p <- glm(f, family = poisson, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
  nb <- glm.nb(f, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
  for (m in list(list("pois", p), list("nb", nb))) {
    ct <- coef_test(m[[2]], vcov = "CR2", cluster = d$family, test = "naive-t")
    i <- which(ct$Coef == "arm")
    put(paste0(key, m[[1]], "_coef"), ct$beta[i]); put(paste0(key, m[[1]], "_se"), ct$SE[i])
    put(paste0(key, m[[1]], "_p"), ct$p_t[i]); put(paste0(key, m[[1]], "_df"), ct$df_t[i])
    st <- coef_test(m[[2]], vcov = "CR2", cluster = d$family, test = "Satterthwaite")
    put(paste0(key, m[[1]], "_satt_df"), st$df_Satt[i]); put(paste0(key, m[[1]], "_satt_p"), st$p_Satt[i])
  }
  put(paste0(key, "theta"), nb$theta)
}
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "rate_cluster_R.csv", row.names = FALSE, quote = FALSE)
print(res)

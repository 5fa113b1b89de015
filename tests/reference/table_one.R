# Reference numbers for ekc.table_one, computed by hand (base R only) on survival::pbc, the 312 randomised
# patients (trt 1 = D-penicillamine, 2 = placebo).   Rscript tests/reference/table_one.R
# Writes table_one_data.csv (the input, with ATE weights from a logistic propensity model) and
# table_one_R.csv (one row per variable, level, group and sample = unweighted / weighted).
# Definitions (those of tableone::CreateTableOne and svyCreateTableOne):
#   percent = 100 * n(level) / n(non-missing); missing_percent = 100 * n(NA) / n(all)   (missing: rows, unweighted)
#   sd with divisor n - 1; weighted: mean = sum(w x) / sum(w), var = sum(w (x - m)^2) / sum(w) * n / (n - 1)
#     (survey::svyvar), n and level counts = sums of weights
#   quantiles unweighted: quantile(type = 7); weighted: smallest x with weighted ECDF >= p
#     (survey::svyquantile(qrule = "math"))
#   smd continuous: |m1 - m0| / sqrt((v1 + v0) / 2); categorical: Yang & Dalton (2012)
#     sqrt((p1 - p0)' S^-1 (p1 - p0)), p = shares of levels 2..K, S = (S1 + S0) / 2 with
#     S_kk = p_k (1 - p_k), S_kl = -p_k p_l
suppressMessages(library(survival))
d <- pbc[!is.na(pbc$trt), ]
d$group <- ifelse(d$trt == 1, "penicillamine", "placebo")
d$edema <- as.character(d$edema)
d$stage <- as.character(d$stage)
d$chol_band <- as.character(cut(d$chol, c(0, 250, 400, Inf), labels = c("low", "mid", "high")))
d$ascites <- as.integer(d$ascites)
ps <- fitted(glm(I(trt == 2) ~ age + sex + albumin + log(bili), family = binomial, data = d))
d$w <- ifelse(d$trt == 2, 1 / ps, 1 / (1 - ps))
out_dir <- if (dir.exists("tests/reference")) "tests/reference" else "."
keep <- c("id", "group", "age", "sex", "edema", "stage", "bili", "chol", "albumin", "platelet", "chol_band",
          "ascites", "w")
write.csv(d[, keep], file.path(out_dir, "table_one_data.csv"), row.names = FALSE, na = "")

continuous <- c("age", "bili", "chol", "albumin", "platelet")
categorical <- c("sex", "edema", "stage", "chol_band", "ascites")
groups <- c("penicillamine", "placebo")
wquant <- function(x, w, p) { o <- order(x); x <- x[o]; cw <- cumsum(w[o]) / sum(w); x[which(cw >= p - 1e-12)[1]] }
yang_dalton <- function(p1, p0) {
  p1 <- p1[-1]; p0 <- p0[-1]
  S <- function(p) { s <- -outer(p, p); diag(s) <- p * (1 - p); s }
  dlt <- p1 - p0; sqrt(drop(t(dlt) %*% solve((S(p1) + S(p0)) / 2) %*% dlt))
}
rows <- list()
for (sample in c("unweighted", "weighted")) {
  for (v in continuous) {
    mom <- list()
    for (g in groups) {
      s <- d[d$group == g, ]; x <- s[[v]]; w <- if (sample == "weighted") s$w else rep(1, nrow(s))
      ok <- !is.na(x); x <- x[ok]; w <- w[ok]; n <- length(x)
      m <- sum(w * x) / sum(w); va <- sum(w * (x - m)^2) / sum(w) * n / (n - 1)
      q <- if (sample == "weighted") sapply(c(0.5, 0.25, 0.75), function(p) wquant(x, w, p)) else
        unname(quantile(x, c(0.5, 0.25, 0.75), type = 7))
      mom[[g]] <- c(m, va)
      rows[[length(rows) + 1]] <- data.frame(sample = sample, variable = v, level = "", group = g, n = sum(w),
        percent = NA, mean = m, sd = sqrt(va), median = q[1], q1 = q[2], q3 = q[3],
        missing = sum(!ok), missing_percent = 100 * sum(!ok) / nrow(s), smd = NA)
    }
    smd <- abs(mom[[1]][1] - mom[[2]][1]) / sqrt((mom[[1]][2] + mom[[2]][2]) / 2)
    rows[[length(rows)]]$smd <- smd; rows[[length(rows) - 1]]$smd <- smd
  }
  for (v in categorical) {
    levs <- sort(unique(as.character(d[[v]][!is.na(d[[v]])])))
    shares <- list(); first <- length(rows) + 1
    for (g in groups) {
      s <- d[d$group == g, ]; x <- as.character(s[[v]]); w <- if (sample == "weighted") s$w else rep(1, nrow(s))
      ok <- !is.na(x)
      cnt <- sapply(levs, function(l) sum(w[ok & x == l])); shares[[g]] <- cnt / sum(w[ok])
      for (l in levs) rows[[length(rows) + 1]] <- data.frame(sample = sample, variable = v, level = l, group = g,
        n = cnt[[l]], percent = 100 * cnt[[l]] / sum(w[ok]), mean = NA, sd = NA, median = NA, q1 = NA, q3 = NA,
        missing = sum(!ok), missing_percent = 100 * sum(!ok) / nrow(s), smd = NA)
    }
    smd <- yang_dalton(shares[[1]], shares[[2]])
    for (i in first:length(rows)) rows[[i]]$smd <- smd
  }
}
res <- do.call(rbind, rows)
ess <- sapply(groups, function(g) { w <- d$w[d$group == g]; sum(w)^2 / sum(w^2) })
res <- rbind(res, data.frame(sample = "weighted", variable = "(ess)", level = "", group = groups, n = ess,
  percent = NA, mean = NA, sd = NA, median = NA, q1 = NA, q3 = NA, missing = NA, missing_percent = NA, smd = NA))
write.csv(res, file.path(out_dir, "table_one_R.csv"), row.names = FALSE, na = "")
print(head(res, 12), digits = 8)

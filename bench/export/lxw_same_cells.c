/* libxlsxwriter alone writing the cells trackport's standard workbook holds for export_bench.cpp's
 * N synthetic items (Items: 22 columns; Extra: one row an item; Assessments: one row an item),
 * in constant-memory mode with the same three cell formats: the floor for the workbook exporter,
 * which adds the spills, widths, row heights, validation, fills, Summary, Sources and Warnings.
 *
 *   lxw_same_cells N OUT.xlsx        prints "lxw user_seconds system_seconds wall_seconds bytes"
 *
 * Built and run by bench/export/run.sh beside the exporters (cc -O2 ... -lxlsxwriter). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <xlsxwriter.h>

static const char* const themes[] = {"Healthy lives", "Safe and secure communities",
                                     "Economic growth and jobs", "Children and young people",
                                     "Housing and neighbourhoods"};
static const char* const leads[] = {"Jo Smith", "Public Health", "Director of Housing",
                                    "Head of Economic Development", "Community Safety Partnership"};
static const char* const ratings[] = {"Red", "Amber", "Green", "Amber/Green", "", "Blue"};

static double seconds(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s N OUT.xlsx\n", argv[0]);
    return 2;
  }
  const long n_items = atol(argv[1]);
  struct rusage before, after;
  struct timespec wall_before, wall_after;
  getrusage(RUSAGE_SELF, &before);
  clock_gettime(CLOCK_MONOTONIC, &wall_before);

  lxw_workbook_options options = {.constant_memory = LXW_TRUE};
  lxw_workbook* workbook = workbook_new_opt(argv[2], &options);
  lxw_format* text = workbook_add_format(workbook);
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* wrapped = workbook_add_format(workbook);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap(wrapped);
  lxw_format* date = workbook_add_format(workbook);
  format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_worksheet* items = workbook_add_worksheet(workbook, "Items");
  lxw_worksheet* extra = workbook_add_worksheet(workbook, "Extra");
  lxw_worksheet* assessments = workbook_add_worksheet(workbook, "Assessments");
  static const char* const item_headers[] = {
      "Theme",     "Ref",     "Text",     "Status",     "Due",      "Leads",        "Progress",
      "Objective", "Category", "Measure", "Baseline",   "Target",   "Due start",    "Due end",
      "Partners",  "Mitigation", "Comments", "officer", "Organisation", "Id", "Source", "Location"};
  for (int c = 0; c < 22; ++c) worksheet_write_string(items, 0, c, item_headers[c], text);
  worksheet_write_string(extra, 0, 0, "Source", text);
  worksheet_write_string(extra, 0, 1, "Id", text);
  worksheet_write_string(extra, 0, 2, "Header", text);
  worksheet_write_string(extra, 0, 3, "Value", text);
  static const char* const assessment_headers[] = {"Source", "Id",   "By",        "Rating",
                                                   "Raw",    "From", "Commentary"};
  for (int c = 0; c < 7; ++c)
    worksheet_write_string(assessments, 0, c, assessment_headers[c], text);

  char id[32], ref[32], action[128], due[16], lead[96], progress[256], budget[32], cells[48];
  for (long n = 0; n < n_items; ++n) {
    const lxw_row_t row = (lxw_row_t)n + 1;
    const int year = 2013 + (int)(n % 4);
    snprintf(id, sizeof id, "%ld", n + 1);
    snprintf(ref, sizeof ref, "%ld.%ld", n / 100 + 1, n % 100 + 1);
    snprintf(action, sizeof action,
             "Increase the number of young people in education, employment or training by %ld%%",
             n % 40 + 5);
    snprintf(due, sizeof due, "Mar-%02d", year % 100);
    if (n % 3 == 0)
      snprintf(lead, sizeof lead, "%s\n%s", leads[n % 5], leads[(n + 2) % 5]);
    else
      snprintf(lead, sizeof lead, "%s", leads[n % 5]);
    snprintf(progress, sizeof progress,
             "Q2: the partnership agreed the \"NEET reduction\" plan; 42 referrals this quarter.\n"
             "\xE2\x80\xA2 Next step: report to the board in %ld weeks \xE2\x80\x93 \xC2\xA3"
             "2,500 spent",
             n % 12 + 1);
    snprintf(budget, sizeof budget, "\xC2\xA3%ld", 1000 + n % 9000);
    snprintf(cells, sizeof cells, "plans/big.xlsx!Plan!A%ld:J%ld", n + 2, n + 2);
    lxw_datetime start = {year, 3, 1, 0, 0, 0}, end = {year, 3, 31, 0, 0, 0};

    worksheet_write_string(items, row, 0, themes[n % 5], wrapped);
    worksheet_write_string(items, row, 1, ref, text);
    worksheet_write_string(items, row, 2, action, wrapped);
    if (*ratings[n % 6]) worksheet_write_string(items, row, 3, ratings[n % 6], text);
    worksheet_write_string(items, row, 4, due, text);
    worksheet_write_string(items, row, 5, lead, wrapped);
    worksheet_write_string(items, row, 6, progress, wrapped);
    worksheet_write_string(items, row, 9, "Percentage of 16-18 year olds NEET", wrapped);
    worksheet_write_datetime(items, row, 12, &start, date);
    worksheet_write_datetime(items, row, 13, &end, date);
    if (*ratings[(n + 1) % 6]) worksheet_write_string(items, row, 17, ratings[(n + 1) % 6], text);
    worksheet_write_string(items, row, 18, "Example Borough Council", text);
    worksheet_write_string(items, row, 19, id, text);
    worksheet_write_string(items, row, 20, "plans/big.xlsx", text);
    worksheet_write_string(items, row, 21, cells, text);

    worksheet_write_string(extra, row, 0, "plans/big.xlsx", text);
    worksheet_write_string(extra, row, 1, id, text);
    worksheet_write_string(extra, row, 2, "Budget", wrapped);
    worksheet_write_string(extra, row, 3, budget, wrapped);

    worksheet_write_string(assessments, row, 0, "plans/big.xlsx", text);
    worksheet_write_string(assessments, row, 1, id, text);
    worksheet_write_string(assessments, row, 2, "officer", text);
    if (*ratings[(n + 1) % 6])
      worksheet_write_string(assessments, row, 3, ratings[(n + 1) % 6], text);
    worksheet_write_string(assessments, row, 4, "A/G", text);
    worksheet_write_string(assessments, row, 5, "text", text);
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) return 1;

  clock_gettime(CLOCK_MONOTONIC, &wall_after);
  getrusage(RUSAGE_SELF, &after);
  struct stat st;
  stat(argv[2], &st);
  printf("lxw %.3f %.3f %.3f %lld\n", seconds(after.ru_utime) - seconds(before.ru_utime),
         seconds(after.ru_stime) - seconds(before.ru_stime),
         (double)(wall_after.tv_sec - wall_before.tv_sec) +
             (double)(wall_after.tv_nsec - wall_before.tv_nsec) / 1e9,
         (long long)st.st_size);
  return 0;
}

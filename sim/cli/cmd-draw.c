/*
 * cmd-draw.c — the commands' report of a run with its picture: report.png drawn by the view
 * (sim/view/report-png.h) and report.html beside it. A build without the view takes
 * cmd-headless.c instead.
 */
#include "cmd.h"
#include "i18n.h"
#include "report-png.h"

int cmd_write_report(const char *dir, char *err, size_t n)
{
    return report_png_render_dir(dir, i18n_get() == I18N_ZH ? "zh" : "en", err, n) == 0 ? 0 : -1;
}

/*
 * cmd-headless.c — a build without the view (HJ_HEADLESS: no sim/view, no SDL): it takes
 * the place of cmd-view.c and cmd-draw.c. `hjrange view` answers that this hjrange has no
 * view (CMD_EXIT_NO_VIEW); a run's report is report.html alone (report.h), which says that
 * its picture is not drawn.
 */
#include "cmd.h"
#include "i18n.h"
#include "report.h"

#include <stdio.h>

int cmd_view(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hjrange: view: %s\n", i18n(MSG_NO_VIEW));
    return CMD_EXIT_NO_VIEW;
}

int cmd_write_report(const char *dir, char *err, size_t n)
{
    report *r = report_load(dir, err, n);
    if (!r) return -1;
    int rc = report_write_html(r, dir, i18n_get() == I18N_ZH ? "zh" : "en", 0, err, n);
    report_free(r);
    return rc == 0 ? 1 : -1;
}

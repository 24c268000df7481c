/* i18n.c — the message tables. */
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

static const char *const tab_en[MSG__COUNT] = {
#define I18N_EN_ROW(id, en, zh) [id] = en,
    I18N_MESSAGES(I18N_EN_ROW)
#undef I18N_EN_ROW
};

static const char *const tab_zh[MSG__COUNT] = {
#define I18N_ZH_ROW(id, en, zh) [id] = zh,
    I18N_MESSAGES(I18N_ZH_ROW)
#undef I18N_ZH_ROW
};

static i18n_lang cur = I18N_EN;

void i18n_set(i18n_lang lang)
{
    cur = lang == I18N_ZH ? I18N_ZH : I18N_EN;
}

i18n_lang i18n_get(void)
{
    return cur;
}

int i18n_set_name(const char *name)
{
    if (name && (strcmp(name, "zh") == 0 || strcmp(name, "zh_CN") == 0)) {
        cur = I18N_ZH;
        return 0;
    }
    if (name && strcmp(name, "en") == 0) {
        cur = I18N_EN;
        return 0;
    }
    return -1;
}

void i18n_init_from_env(void)
{
    const char *vars[] = {"HJRANGE_LANG", "LC_ALL", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            cur = strncmp(v, "zh", 2) == 0 ? I18N_ZH : I18N_EN;
            return;
        }
    }
}

const char *i18n(i18n_msg id)
{
    if ((unsigned)id >= MSG__COUNT) return "?";
    return cur == I18N_ZH ? tab_zh[id] : tab_en[id];
}

const char *i18n_cfgerr(int code)
{
    static const i18n_msg MSG[CFGERR__COUNT] = {
#define CFGERR_MSG(id, en, zh) [W##id] = id,
        WORLD_CFG_ERRORS(CFGERR_MSG)
#undef CFGERR_MSG
    };
    if (code <= CFGERR_OK || code >= CFGERR__COUNT) return "?";
    return i18n(MSG[code]);
}

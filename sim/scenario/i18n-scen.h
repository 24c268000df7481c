/*
 * i18n-scen.h — what a scenario writer reads: errors of the API bindings, sandbox kills
 * and limits, scheduler errors, check's warnings, the fraud library's messages.
 * X(id, English, Chinese). The texts are scmsg templates (scmsg.h): "%s" the next
 * argument, "%N$s" argument N, "%%" a percent sign; both languages use the same arguments.
 * Rows whose id starts with MSG_LIB_ are also handed to the Lua library modules
 * (hjrange.text("lib_unknown_option", ...) in fraud.lua): the key is the id after "MSG_",
 * in lower case.
 */
#ifndef I18N_SCEN_H
#define I18N_SCEN_H

#include "cfgerr.h" /* WORLD_CFG_ERRORS: the station configuration's refusals */

#define I18N_MESSAGES_SCEN(X)                                                                 \
    X(MSG_SC_CHECK_STOPPED, "check stopped here after %s errors: the rest of the timeline is not checked", \
      "出现 %s 个错误后检查在此停止：其余时间线未检查")                                          \
    X(MSG_SC_WARNING_LINE, "warning: %s", "警告：%s")                                            \
    X(MSG_SC_INSIDE_LIB, "(inside %s)", "（位于 %s）")                                          \
    X(MSG_SC_DEFERRED, "%s (called at the top level: done at the start)",                      \
      "%s（在文件顶层调用：于开始时执行）")                                                     \
    X(MSG_SC_CMD_REFUSED, "%s(\"%s\") refused: %s", "%s(\"%s\") 被拒绝：%s")                   \
    X(MSG_SC_CMD_REFUSED_WAIT, "%s(\"%s\") refused, also after waiting %s: %s",                \
      "%s(\"%s\") 被拒绝，等待 %s 后仍被拒绝：%s")                                              \
    X(MSG_SC_CMD_BUSY,                                                                       \
      "the %s analyzer is busy (a measurement or check is running; \"restart\" aborts it, "  \
      "{ wait = \"30m\" } tries again every minute)",                                        \
      "%s 分析仪忙（正在测量或核查；\"restart\" 可中止，{ wait = \"30m\" } 每分钟重试一次）") \
    X(MSG_SC_CMD_FAULT, "the %s analyzer is in fault", "%s 分析仪处于故障状态")                  \
    X(MSG_SC_CMD_REFUSED_OTHER, "the %s analyzer refused it", "%s 分析仪拒绝执行")               \
    X(MSG_SC_WAIT_NEEDS_TASK,                                                                \
      "%s: wait needs a function started by at, every or after (it sleeps)",                  \
      "%s：wait 只能用在由 at、every 或 after 启动的函数中（需要 sleep）")                        \
    X(MSG_SC_BAD_DURATION_FIELD, "%s: %s: bad duration \"%s\" (expected %s)",                  \
      "%s：%s：无效的时长 \"%s\"（应为 %s）")                                                  \
    X(MSG_SC_NO_FIELD, "%s has no field '%s' (fields: %s)", "%s 没有字段 '%s'（字段：%s）")       \
    X(MSG_SC_NO_FIELD_MEAN, "%s has no field '%s' (did you mean '%s'?)",                       \
      "%s 没有字段 '%s'（是否应为 '%s'？）")                                                    \
    X(MSG_SC_NO_METHOD, "%s has no method '%s' (methods: %s)", "%s 没有方法 '%s'（方法：%s）")    \
    X(MSG_SC_NO_METHOD_MEAN, "%s has no method '%s' (did you mean '%s'?)",                     \
      "%s 没有方法 '%s'（是否应为 '%s'？）")                                                    \
    X(MSG_SC_NO_METHODS, "%s has no method '%s' (it has none)", "%s 没有方法 '%s'（它没有任何方法）") \
    /* the sandbox (sim/scenario/sandbox.c: limits, kills, require) and the scheduler (sim/scenario/vsched.c) */ \
    X(MSG_SC_KILL_WALL, "wall-clock limit of %s ms per call exceeded",                                                                      \
      "超出每次调用 %s 毫秒的墙钟时间限制") \
    X(MSG_SC_KILL_STALL, "no instruction ran for %s ms of CPU time (a loop inside one operation, e.g. an endless __call chain)",                                                                      \
      "%s 毫秒 CPU 时间内没有执行任何指令（单个操作内部的循环，如无穷的 __call 链）") \
    X(MSG_SC_KILL_STRING, "string of %s bytes over the limit of %s bytes",                                                                      \
      "字符串长 %s 字节，超过 %s 字节的限制") \
    X(MSG_SC_KILL_MEMORY, "memory cap of %s bytes exceeded",                                                                      \
      "超出 %s 字节的内存上限") \
    X(MSG_SC_KILL_CALL_BUDGET, "instruction budget of %s per call exhausted",                                                                      \
      "用尽每次调用 %s 条指令的预算") \
    X(MSG_SC_KILL_RUN_BUDGET, "instruction budget of %s for the run exhausted",                                                                      \
      "用尽整个运行 %s 条指令的预算") \
    X(MSG_SC_NO_GC, "setmetatable: __gc metamethods are not allowed in scenarios",                                                                      \
      "setmetatable：场景中不允许 __gc 元方法") \
    X(MSG_SC_NO_BINARY, "load: binary chunks are not allowed in scenarios",                                                                      \
      "load：场景中不允许二进制代码块") \
    X(MSG_SC_GC_COUNT, "collectgarbage: only \"count\" is available in scenarios",                                                                      \
      "collectgarbage：场景中只能使用 \"count\"") \
    X(MSG_SC_KILL_OUTPUT, "output cap of %s bytes exceeded",                                                                      \
      "超出 %s 字节的输出上限") \
    X(MSG_SC_NO_RNG, "%s: no random source configured",                                                                      \
      "%s：没有配置随机数源") \
    X(MSG_SC_SIGMA, "%s must be finite and >= 0",                                                                      \
      "%s 必须是有限数且 >= 0") \
    X(MSG_SC_MU, "%s must be finite",                                                                      \
      "%s 必须是有限数") \
    X(MSG_SC_REQ_NAME, "require: bad module name \"%s\" (only letters, digits and _; modules come from the scenario library)",                                                                      \
      "require：无效的模块名 \"%s\"（只能用字母、数字和 _；模块来自场景库）") \
    X(MSG_SC_REQ_LOADING, "require: module '%s' is being loaded or failed to load",                                                                      \
      "require：模块 '%s' 正在加载或加载失败") \
    X(MSG_SC_REQ_MAX, "require: more than %s modules",                                                                      \
      "require：模块超过 %s 个") \
    X(MSG_SC_REQ_PATH, "require: path too long",                                                                      \
      "require：路径过长") \
    X(MSG_SC_REQ_NOT_FOUND, "require: module '%s' not found (no %s)",                                                                      \
      "require：找不到模块 '%s'（没有 %s）") \
    X(MSG_SC_REQ_READ, "require: module '%s': cannot read %s",                                                                      \
      "require：模块 '%s'：无法读取 %s") \
    X(MSG_SC_REQ_ERROR, "require: module '%s': %s",                                                                      \
      "require：模块 '%s'：%s") \
    X(MSG_SC_DEAD, "sandbox is dead: %s",                                                                      \
      "沙箱已终止：%s") \
    X(MSG_SC_CLOSED, "closed",                                                                      \
      "已关闭") \
    X(MSG_SC_TOO_DEEP, "calls into Lua nested too deeply",                                                                      \
      "对 Lua 的调用嵌套过深") \
    X(MSG_SC_CANNOT_LOAD, "cannot load",                                                                      \
      "无法加载") \
    X(MSG_SC_TOO_MANY_TASKS, "too many scheduled tasks (limit %s)",                                                                      \
      "已安排的任务过多（上限 %s）") \
    X(MSG_SC_SCHED_GONE, "the scheduler is gone",                                                                      \
      "调度器已不存在") \
    X(MSG_SC_TOO_LONG_DURATION, "duration too long",                                                                      \
      "时长过长") \
    X(MSG_SC_TIME_EXPECTED, "%s: a time string expected (%s), got %s",                          \
      "%s：应为时间字符串（%s），实际为 %s")                                                    \
    X(MSG_SC_TIME_TYPE, "a time string expected (%s), got %s", "应为时间字符串（%s），实际为 %s") \
    X(MSG_SC_DURATION_TYPE, "a duration string expected (%s), got %s",                         \
      "应为时长字符串（%s），实际为 %s")                                                          \
    X(MSG_SC_TIME_FIELD_TYPE, "%s: %s must be a time string (%s), got %s",                     \
      "%s：%s 必须是时间字符串（%s），实际为 %s")                                                 \
    X(MSG_SC_KEY_BAD_TIME, "%s: bad time \"%s\" (expected %s)",                                                                      \
      "%s：无效的时间 \"%s\"（应为 %s）") \
    X(MSG_SC_PERIOD_ZERO, "the period must be longer than 0s",                                                                      \
      "周期必须大于 0s") \
    X(MSG_SC_EVERY_OPTION, "unknown option (known: from, to)",                                                                      \
      "未知选项（可用：from、to）") \
    X(MSG_SC_FROM_EARLY, "from: too early",                                                                      \
      "from：过早") \
    X(MSG_SC_SLEEP_OUTSIDE, "sleep: only inside a function started by at, every or after",                                                                      \
      "sleep：只能用在由 at、every 或 after 启动的函数中") \
    X(MSG_SC_SLEEP_CALLBACK, "sleep: cannot sleep inside a metamethod or a library callback",                                                                      \
      "sleep：不能在元方法或库回调中休眠") \
    X(MSG_SC_TOP_YIELD, "coroutine.yield at the top of a scheduled function (use sleep)",                                                                      \
      "在已安排函数的顶层调用了 coroutine.yield（请用 sleep）") \
    X(MSG_SC_RUNAWAY, "more than %s coroutine steps at one virtual time (a runaway after(\"0s\") or sleep(\"0s\") loop?)",                                                                      \
      "同一虚拟时刻的协程步数超过 %s（失控的 after(\"0s\") 或 sleep(\"0s\") 循环？）") \
    /* the bindings of the scenario API (sim/scenario/scen.c, sim/scenario/scen_obj.c) */                      \
    X(MSG_SC_TABLE_EXPECTED, "%s: a table expected, got %s",                                                                      \
      "%s：应为表，实际为 %s") \
    X(MSG_SC_MUST_STRING, "%s: %s must be a string, got %s",                                                                      \
      "%s：%s 必须是字符串，实际为 %s") \
    X(MSG_SC_MUST_NUMBER, "%s: %s must be a number, got %s",                                                                      \
      "%s：%s 必须是数字，实际为 %s") \
    X(MSG_SC_MUST_FINITE, "%s: %s must be a finite number",                                                                      \
      "%s：%s 必须是有限的数") \
    X(MSG_SC_BAD_TIME_FIELD, "%s: %s: bad time \"%s\" (expected %s)",                                                                      \
      "%s：%s：无效的时间 \"%s\"（应为 %s）") \
    X(MSG_SC_OUT_OF_RANGE, "%s: %s = %s is out of range",                                                                      \
      "%s：%s = %s 超出范围") \
    X(MSG_SC_TWICE, "%s: declared twice",                                                                      \
      "%s：重复声明") \
    X(MSG_SC_TOP_LEVEL, "%s: only at the top level of the file",                                                                      \
      "%s：只能在文件顶层调用") \
    X(MSG_SC_REQUIRED_STRING, "%s: %s is required (a string)",                                                                      \
      "%s：缺少 %s（字符串）") \
    X(MSG_SC_REQUIRED_FORM, "%s: %s is required (%s)",                                                                      \
      "%s：缺少 %s（%s）") \
    X(MSG_SC_TOO_LONG, "%s: %s longer than %s bytes",                                                                      \
      "%s：%s 超过 %s 字节") \
    X(MSG_SC_BAD_DATE, "%s: %s: bad date \"%s\" (expected \"YYYY-MM-DD HH:MM\")",                                                                      \
      "%s：%s：无效的日期 \"%s\"（应为 \"YYYY-MM-DD HH:MM\"）") \
    X(MSG_SC_IN_RANGE, "%s: %s must be %s",                                                                      \
      "%s：%s 必须在 %s 之内") \
    X(MSG_SC_NONNEG_INTEGER, "%s: %s must be a non-negative integer",                                                                      \
      "%s：%s 必须是非负整数") \
    X(MSG_SC_TIME_RUNS, "%s: time already runs",                                                                      \
      "%s：时间已经开始推进") \
    X(MSG_SC_MUST_BOOL, "%s: %s must be true or false, got %s",                                                                      \
      "%s：%s 必须是 true 或 false，实际为 %s") \
    X(MSG_SC_SHIFTS, "%s.shifts must be a list of \"HH:MM-HH:MM\"",                                                                      \
      "%s.shifts 必须是 \"HH:MM-HH:MM\" 的列表") \
    X(MSG_SC_SHIFT_STRING, "%s.shifts[%s] must be a string \"HH:MM-HH:MM\"",                                                                      \
      "%s.shifts[%s] 必须是字符串 \"HH:MM-HH:MM\"") \
    X(MSG_SC_SHIFT_BAD, "%s.shifts[%s]: bad shift \"%s\" (\"08:00-20:00\", at most %s)",                                                                      \
      "%s.shifts[%s]：无效的班次 \"%s\"（如 \"08:00-20:00\"，最多 %s 个）") \
    X(MSG_SC_NAME_LIST, "%s.%s must be a list of names",                                                                      \
      "%s.%s 必须是名称列表") \
    X(MSG_SC_NAME_ITEM, "%s.%s[%s] must be a name",                                                                      \
      "%s.%s[%s] 必须是名称") \
    X(MSG_SC_DUP_FACILITY, "%s: duplicate facility '%s'",                                                                      \
      "%s：设施 '%s' 重复") \
    X(MSG_SC_TOO_MANY_FACILITIES, "%s.%s[%s]: too many facilities or name too long (max %s, %s bytes)",                                                                      \
      "%s.%s[%s]：设施过多或名称过长（最多 %s 个，%s 字节）") \
    X(MSG_SC_PH_PAIR, "%s.ph must be { low, high }",                                                                      \
      "%s.ph 必须是 { 下限, 上限 }") \
    X(MSG_SC_COD_KIND, "%s.cod must be \"cod\", \"toc\" or false, got %s",                                                                      \
      "%s.cod 必须是 \"cod\"、\"toc\" 或 false，实际为 %s") \
    X(MSG_SC_SCENARIO_FIRST, "%s: declare scenario{} first (it sets the start time)",                                                                      \
      "%s：须先声明 scenario{}（它设定开始时间）") \
    X(MSG_SC_MAX_STATIONS, "%s: at most %s stations",                                                                      \
      "%s：最多 %s 个站房") \
    X(MSG_SC_PROFILE, "%s: plant.profile: unknown profile \"%s\" (dyeing, electroplating, chemical, food, municipal)",                                                                      \
      "%s：plant.profile：未知的类型 \"%s\"（dyeing、electroplating、chemical、food、municipal）") \
    X(MSG_SC_GAS_PROFILE, "%s: plant.profile: unknown profile \"%s\" (coal_boiler, gas_boiler, glass_kiln, waste_incinerator, coating_vocs, chemical_vocs)", \
      "%s：plant.profile：未知的类型 \"%s\"（coal_boiler、gas_boiler、glass_kiln、waste_incinerator、coating_vocs、chemical_vocs）") \
    X(MSG_SC_KIND, "%s: kind must be \"water\", \"gas\" or \"vocs\", not %s", \
      "%s：kind 应为 \"water\"、\"gas\" 或 \"vocs\"，而不是 %s") \
    X(MSG_SC_O2_MODE, "%s: analyzers.o2 must be true, false, \"insitu\" or \"extractive\"", \
      "%s：analyzers.o2 应为 true、false、\"insitu\" 或 \"extractive\"") \
    X(MSG_SC_MN_LONG, "%s: mn longer than 24 characters",                                                                      \
      "%s：mn 超过 24 个字符") \
    X(MSG_SC_DUP_MN, "%s: duplicate mn \"%s\" (already declared at %s)",                                                                      \
      "%s：mn \"%s\" 重复（已在 %s 声明）") \
    X(MSG_SC_BAD_PW, "%s: bad pw (1 .. %s characters)",                                                                      \
      "%s：无效的 pw（1 .. %s 个字符）") \
    X(MSG_SC_PROTOCOL, "%s: protocol must be \"2017\" or \"2025\"",                                                                      \
      "%s：protocol 必须是 \"2017\" 或 \"2025\"") \
    X(MSG_SC_FLOW_METER, "%s: flow_meter must be \"downstream\" or \"upstream\"",                                                                      \
      "%s：flow_meter 必须是 \"downstream\" 或 \"upstream\"") \
    X(MSG_SC_CAMERAS, "%s: cameras must be a list, e.g. { \"station\", \"outfall\" }",                                                                      \
      "%s：cameras 必须是列表，如 { \"station\", \"outfall\" }") \
    X(MSG_SC_CAMERA_ITEM, "%s: cameras[%s] must be \"station\" or \"outfall\"",                                                                      \
      "%s：cameras[%s] 必须是 \"station\" 或 \"outfall\"") \
    X(MSG_SC_NO_MEMORY, "%s: out of memory",                                                                      \
      "%s：内存不足") \
    X(MSG_SC_BAD_TIME, "bad time \"%s\" (expected %s)",                                                                      \
      "无效的时间 \"%s\"（应为 %s）") \
    X(MSG_SC_IN_PAST, "%s is in the past (now %s)",                                                                      \
      "%s 已是过去的时间（现在 %s）") \
    X(MSG_SC_BAD_DURATION, "bad duration \"%s\" (expected %s)",                                                                      \
      "无效的时长 \"%s\"（应为 %s）") \
    X(MSG_SC_BAD_PERIOD, "bad duration \"%s\" (expected %s; more than 0)",                                                                      \
      "无效的时长 \"%s\"（应为 %s；须大于 0）") \
    X(MSG_SC_MAX_RECORDS, "%s: more than %s records",                                                                      \
      "%s：记录超过 %s 条") \
    X(MSG_SC_STATION_REQUIRED, "%s: station is required (the st object station{} returned)",                                                                      \
      "%s：缺少 station（station{} 返回的 st 对象）") \
    X(MSG_SC_NO_SUCH_MN, "%s: station: no station with mn \"%s\"",                                                                      \
      "%s：station：没有 mn 为 \"%s\" 的站房") \
    X(MSG_SC_EMPTY, "%s: %s must not be empty",                                                                      \
      "%s：%s 不能为空") \
    X(MSG_SC_AFTER, "%s: %s is after %s", "%s：%s 晚于 %s")                                     \
    X(MSG_SC_BEFORE, "%s: %s is before %s",                                                                      \
      "%s：%s 早于 %s") \
    X(MSG_SC_UNKNOWN_LAB_PARAM, "%s: unknown param \"%s\" (cod, nh3n, tp, tn, ph, or a code like w01018)",                                                                      \
      "%s：未知的 param \"%s\"（cod、nh3n、tp、tn、ph，或 w01018 这样的代码）") \
    X(MSG_SC_REQUIRED, "%s: %s is required",                                                                      \
      "%s：缺少 %s") \
    X(MSG_SC_UNKNOWN_TYPE, "%s: unknown type \"%s\" (FRAUD-CATALOGUE.md: sample_cup_injection, tap_water_dilution, ... bypass_discharge)",                                                                      \
      "%s：未知的类型 \"%s\"（见 FRAUD-CATALOGUE.md：sample_cup_injection、tap_water_dilution … bypass_discharge）") \
    X(MSG_SC_UNKNOWN_TYPE_MEAN, "%s: unknown type \"%s\" (did you mean \"%s\"? FRAUD-CATALOGUE.md)",                                                                      \
      "%s：未知的类型 \"%s\"（是否应为 \"%s\"？见 FRAUD-CATALOGUE.md）") \
    X(MSG_SC_MAX_EVENTS, "%s: more than %s events",                                                                      \
      "%s：事件超过 %s 个") \
    X(MSG_SC_NO_EVENT, "no truth event with this id", "没有这个编号的真值事件")            \
    X(MSG_SC_SCAN_TYPE, "%s: unknown type \"%s\" (not in FRAUD-CATALOGUE.md)",                                                                      \
      "%s：未知的类型 \"%s\"（不在 FRAUD-CATALOGUE.md 中）") \
    X(MSG_SC_NO_SCENARIO, "%s: no scenario{} declared (name, start, duration)",                                                                      \
      "%s：没有声明 scenario{}（name、start、duration）") \
    X(MSG_SC_NO_STATION, "%s: no station{} declared",                                                                      \
      "%s：没有声明 station{}") \
    X(MSG_SC_CALL_COLON, "%s: call it with ':' on %s (e.g. st.door:open())",                                                                      \
      "%s：须用 ':' 在 %s 上调用（如 st.door:open()）") \
    X(MSG_SC_ST_EXPECTED, "station: the st object that station{} returned expected, got %s",                                                                      \
      "station：应为 station{} 返回的 st 对象，实际为 %s") \
    X(MSG_SC_ACT_FAILED, "%s: %s",                                                                      \
      "%s：%s") \
    X(MSG_SC_ROOM_FULL, "the room is full (16 people)",                                                                      \
      "站房已满（16 人）") \
    X(MSG_SC_NOT_IN_ROOM, "%s: '%s' is not in the station room",                                                                      \
      "%s：'%s' 不在站房内") \
    X(MSG_SC_NOBODY_IN_ROOM, "%s: nobody is in the station room",                                                                      \
      "%s：站房内没有人") \
    X(MSG_SC_RANGE_ONLY, "%s expected",                                                                      \
      "应为 %s") \
    X(MSG_SC_REFUSED, "refused by the station",                                                                      \
      "被站房设备拒绝") \
    X(MSG_SC_READ_ONLY, "scenario objects are read-only (cannot set '%s')",                                                                      \
      "场景对象只读（不能设置 '%s'）") \
    X(MSG_SC_UNKNOWN_COMMAND, "%s: unknown command '%s' (%s)",                                                                      \
      "%s：未知命令 '%s'（%s）") \
    X(MSG_SC_UNKNOWN_COMMAND_MEAN, "%s: unknown command '%s' (did you mean '%s'?)",                                                                      \
      "%s：未知命令 '%s'（是否应为 '%s'？）") \
    X(MSG_SC_UNKNOWN_PARAM, "%s: unknown parameter '%s' (%s)",                                                                      \
      "%s：未知参数 '%s'（%s）") \
    X(MSG_SC_UNKNOWN_PARAM_MEAN, "%s: unknown parameter '%s' (did you mean '%s'?)",                                                                      \
      "%s：未知参数 '%s'（是否应为 '%s'？）") \
    X(MSG_SC_GIVEN_TWICE, "%s: '%s' given twice (under two names)",                                                                      \
      "%s：'%s' 给了两次（用了两个名字）") \
    X(MSG_SC_MUST_SECONDS, "%s: %s must be a number of seconds or a duration, got %s",                                                                      \
      "%s：%s 必须是秒数或时长，实际为 %s") \
    X(MSG_SC_PARAM_REFUSED, "%s: %s = %s refused (out of the analyzer's range)",                                                                      \
      "%s：%s = %s 被拒绝（超出分析仪的范围）") \
    X(MSG_SC_CONC_ONCE, "%s: give the concentration once, e.g. { %s = 50 }",                                                                      \
      "%s：浓度只给一次，如 { %s = 50 }") \
    X(MSG_SC_PAN_TILT, "%s: pan must be -360 .. 360, tilt -180 .. 180 degrees",                                                                      \
      "%s：pan 必须在 -360 .. 360 度之内，tilt 在 -180 .. 180 度之内") \
    X(MSG_SC_BOOL_EXPECTED, "%s: true or false expected, got %s",                                                                      \
      "%s：应为 true 或 false，实际为 %s") \
    X(MSG_SC_ONE_OF, "%s: %s must be one of %s, got \"%s\"",                                                                      \
      "%s：%s 必须是 %s 之一，实际为 \"%s\"") \
    X(MSG_SC_QUALITY_CUSTOM, "%s: quality is for source = \"custom\"",                                                                      \
      "%s：quality 仅用于 source = \"custom\"") \
    X(MSG_SC_CUSTOM_QUALITY, "%s: source \"custom\" needs quality = { cod = ..., ... }",                                                                      \
      "%s：source \"custom\" 需要 quality = { cod = ..., ... }") \
    X(MSG_SC_MAX_INFLOWS, "refused (at most 16 inflows)",                                                                      \
      "被拒绝（最多 16 路进水）") \
    X(MSG_SC_PIPE_STOPPED, "%s: the pipe is stopped",                                                                      \
      "%s：该管道已停止") \
    X(MSG_SC_BUCKET_WATER, "%s: a bucket needs its water, e.g. connect(\"bucket\", { cod = 40 })",                                                                      \
      "%s：水桶需要给出水质，如 connect(\"bucket\", { cod = 40 })") \
    X(MSG_SC_WATER_BUCKET, "%s: water quality is only for \"bucket\"",                                                                      \
      "%s：水质只用于 \"bucket\"") \
    X(MSG_SC_UNKNOWN_CODE, "%s: unknown code '%s' (w00000 w01001 w01010 w01014 w01018 w21001 w21003 w21011, or cod nh3n tp tn ph flow temp cond)",                                                                      \
      "%s：未知代码 '%s'（w00000 w01001 w01010 w01014 w01018 w21001 w21003 w21011，或 cod nh3n tp tn ph flow temp cond）") \
    X(MSG_SC_FILTER_RETURN, "the function returned %s, a number expected",                                                                      \
      "该函数返回了 %s，应返回数字") \
    X(MSG_SC_FILTER_FN, "%s: a function(value) or nil expected, got %s",                                                                      \
      "%s：应为 function(value) 或 nil，实际为 %s") \
    X(MSG_SC_MAX_FILTERS, "%s: too many filters on this DAU",                                                                      \
      "%s：该数采仪的过滤函数过多") \
    X(MSG_SC_FLAG, "%s: flag must be one of N F M S D C T B, or nil",                                                                      \
      "%s：flag 必须是 N F M S D C T B 之一，或 nil") \
    X(MSG_SC_FINITE_OR_NIL, "%s: a finite number or nil expected",                                                                      \
      "%s：应为有限的数或 nil") \
    X(MSG_SC_FILTER_OF, "st.dau:filter(\"%s\") of %s", "%2$s 的 st.dau:filter(\"%1$s\")")       \
    /* the fraud library (scenarios/lib/fraud.lua), and the forms of times and durations \
       that the C side's messages list too */                                               \
    X(MSG_LIB_TIME_FORMS, "\"HH:MM\", \"YYYY-MM-DD HH:MM\" or \"+DURATION\"",                   \
      "\"HH:MM\"、\"YYYY-MM-DD HH:MM\" 或 \"+时长\"")                                            \
    X(MSG_LIB_DURATION_FORMS, "e.g. \"90s\", \"15m\", \"2h\", \"1h30m\", \"2d\"",                 \
      "\"90s\"、\"15m\"、\"2h\"、\"1h30m\"、\"2d\" 等")                                         \
    X(MSG_LIB_FAIL, "fraud.%s: %s", "fraud.%s：%s")                                           \
    X(MSG_LIB_FIELD, "%s: %s", "%s：%s")                                                      \
    X(MSG_LIB_BAD_TIME, "bad time %s (expected %s)", "无效的时间 %s（应为 %s）")                 \
    X(MSG_LIB_BAD_DURATION, "bad duration %s (expected %s)", "无效的时长 %s（应为 %s）")         \
    X(MSG_LIB_OPTIONS_TABLE, "options must be a table, got %s", "选项必须是表，实际为 %s")        \
    X(MSG_LIB_UNKNOWN_OPTION, "unknown option '%s' (options: %s)", "未知选项 '%s'（可用选项：%s）") \
    X(MSG_LIB_UNKNOWN_OPTION_MEAN, "unknown option '%s' (did you mean '%s'? options: %s)",     \
      "未知选项 '%s'（是否应为 '%s'？可用选项：%s）")                                             \
    X(MSG_LIB_IN_PAST, "%s %s is in the past (now %s)", "%s %s 已是过去的时间（现在 %s）")        \
    X(MSG_LIB_AT_LEAST, "%s must be at least %s", "%s 至少应为 %s")                              \
    X(MSG_LIB_NUMBER, "%s must be a number", "%s 必须是数字")                                     \
    X(MSG_LIB_NUMBER_IN, "%s must be a number in %s..%s", "%s 必须是 %s..%s 之间的数字")          \
    X(MSG_LIB_POSITIVE, "%s must be a positive number", "%s 必须是正数")                          \
    X(MSG_LIB_NONNEGATIVE, "%s must be a non-negative number", "%s 必须是非负数")                 \
    X(MSG_LIB_INTEGER_IN, "%s must be an integer in %s..%s", "%s 必须是 %s..%s 之间的整数")       \
    X(MSG_LIB_BOOLEAN, "%s must be true or false", "%s 必须是 true 或 false")                     \
    X(MSG_LIB_ONE_OF, "%s must be one of %s (got %s)", "%s 必须是 %s 之一（实际为 %s）")           \
    X(MSG_LIB_ONE_OF_MEAN, "%1$s must be one of %4$s (got %2$s: did you mean \"%3$s\"?)",       \
      "%1$s 必须是 %4$s 之一（实际为 %2$s：是否应为 \"%3$s\"？）")                                \
    X(MSG_LIB_STRING, "%s must be a non-empty string", "%s 必须是非空字符串")                     \
    X(MSG_LIB_CARD, "card must be a card number string, or false for a forced entry",          \
      "card 必须是卡号字符串，强行进入时为 false")                                                \
    X(MSG_LIB_WATER, "%s must be a table of qualities, e.g. { cod = 40, nh3n = 1.2 }",          \
      "%s 必须是水质表，如 { cod = 40, nh3n = 1.2 }")                                             \
    X(MSG_LIB_CAMERA_FIELD, "unknown field '%s' (which, how, pan)",                            \
      "未知字段 '%s'（可用：which、how、pan）")                                                    \
    X(MSG_LIB_CAMERA_SPEC, "%s must be true, \"station\", \"outfall\" or { which =, how =, pan = }", \
      "%s 必须是 true、\"station\"、\"outfall\" 或 { which =, how =, pan = }")                     \
    X(MSG_LIB_PAN, "pan must be a number in (0, 180] degrees", "pan 必须是 (0, 180] 度之间的数")   \
    X(MSG_LIB_NO_CAMERA, "the station has no %s camera", "该站房没有 %s 摄像头")                   \
    X(MSG_LIB_NOT_STATION_TABLE,                                                               \
      "the first argument must be the station (what station{} returns), got a table: write "   \
      "fraud.%s(st, { ... })",                                                                 \
      "第一个参数必须是站房（station{} 的返回值），实际为表：应写作 fraud.%s(st, { ... })")          \
    X(MSG_LIB_NOT_STATION, "the first argument must be the station (what station{} returns), got %s", \
      "第一个参数必须是站房（station{} 的返回值），实际为 %s")                                      \
    X(MSG_LIB_NO_ANALYZER, "the station has no %s analyzer", "该站房没有 %s 分析仪")               \
    X(MSG_LIB_CODES, "%s must be a code or a list of codes, e.g. { \"w01018\", \"w21003\" }",    \
      "%s 必须是一个代码或代码列表，如 { \"w01018\", \"w21003\" }")                                 \
    X(MSG_LIB_UNKNOWN_CODE, "unknown code %s", "未知代码 %s")                                    \
    X(MSG_LIB_CUSTOM_WATER, "source \"custom\" needs water = { cod = ..., ... }",               \
      "source \"custom\" 需要 water = { cod = ..., ... }")                                       \
    X(MSG_LIB_DAYS_DURATION, "days > 1 needs a duration shorter than 1d",                      \
      "days > 1 时 duration 必须短于 1d")                                                         \
    X(MSG_LIB_DAYS_HOSE, "days > 1 needs duration + hose_extra shorter than 1d",               \
      "days > 1 时 duration + hose_extra 必须短于 1d")                                            \
    X(MSG_LIB_HOSE, "hose must be \"tap\", \"bucket\" or false", "hose 必须是 \"tap\"、\"bucket\" 或 false") \
    X(MSG_LIB_FACILITIES, "%s must be a list of facility names", "%s 必须是设施名称列表")          \
    X(MSG_LIB_NO_FACILITY, "the station has no facility %s", "该站房没有设施 %s")                  \
    X(MSG_LIB_RESTORE, "restore must be given to undo %s (its registered value)",              \
      "要撤销 %s 必须给出 restore（其登记值）")                                                    \
    X(MSG_LIB_MODE_CAP, "mode \"cap\" needs cap (or limit)", "mode \"cap\" 需要 cap（或 limit）")  \
    X(MSG_LIB_MODE_OFFSET, "mode \"offset\" needs offset", "mode \"offset\" 需要 offset")          \
    X(MSG_LIB_FACTOR_ONE, "factor 1 changes nothing", "factor 为 1 时不起作用")                    \
    X(MSG_LIB_METHOD_VALUE, "method \"%s\" needs value (the constant written)",                 \
      "method \"%s\" 需要 value（写入的常数）")                                                     \
    X(MSG_LIB_BOTTLE_FACTOR,                                                                   \
      "%s must be a number in %s..%s (the bottle stronger than its label: readings low)",       \
      "%s 必须是 %s..%s 之间的数（标液浓度高于标签：读数偏低）")                                     \
    X(MSG_LIB_GAS_ONLY, "%s is staged at a %s station (this one is %s)",                       \
      "%s 只能在%s站点上布设（该站点为 %s）")                                                     \
    X(MSG_LIB_NO_DAMPER, "the stack has no bypass damper (station{ stack = { bypass = true } })", \
      "该烟道没有旁路挡板（station{ stack = { bypass = true } }）")                                \
    X(MSG_LIB_NOT_AT_GAS, "%s is not done this way at a gas station: %s",                     \
      "气站点上不能这样做 %s：%s")                                                                \
    X(MSG_LIB_NEEDS_ONE_OF, "give at least one of %s", "至少给出 %s 之一")                        \
    X(MSG_LIB_NO_FUNCTION, "%s has no function '%s' (functions: %s)",                          \
      "%s 没有函数 '%s'（函数：%s）")                                                           \
    X(MSG_LIB_NO_FUNCTION_MEAN, "%s has no function '%s' (did you mean '%s'?)",                \
      "%s 没有函数 '%s'（是否应为 '%s'？）")                                                    \
    X(MSG_SC_UNKNOWN_FIELD, "%s: unknown field '%s' (known: %s)", "%s：未知字段 '%s'（可用：%s）") \
    X(MSG_SC_UNKNOWN_FIELD_MEAN, "%s: unknown field '%s' (did you mean '%s'? known: %s)",       \
      "%s：未知字段 '%s'（是否应为 '%s'？可用：%s）")                                             \
    X(MSG_SC_LIST_ITEM, "%s: unexpected list item [%s] (fields are named: key = value)",         \
      "%s：多余的列表项 [%s]（字段须写成 键 = 值）")                                              \
    X(MSG_SC_FIELD_NAMES, "%s: field names must be strings", "%s：字段名必须是字符串")             \
    X(MSG_SC_AFTER_END, "%s(\"%s\"): %s is after the end of the run (%s): it never runs",        \
      "%s(\"%s\")：%s 晚于运行结束时刻（%s），不会执行")                                   \
    WORLD_CFG_ERRORS(X) /* why station{} is refused: sim/world/cfgerr.h */

#endif

/* i18n-detect.h — texts of the platform commands (detect, db), X(id, English, Chinese).
 * No printf directives inside: numbers are printed beside the texts. */
#ifndef I18N_DETECT_H
#define I18N_DETECT_H

#define I18N_MESSAGES_DETECT(X)                                                               \
    X(MSG_CMD_DETECT, "the platform: receive HJ 212 from DAUs, store it, detect fraud",       \
      "监控平台：接收数采仪的 HJ 212 数据，入库并识别弄虚作假")                                  \
    X(MSG_DETECT_HELP,                                                                        \
      "hjrange detect --listen ADDR:PORT --db FILE [--alerts FILE] [--stations FILE]\n"       \
      "               [--records FILE] [--thresholds FILE] [--max-conns N] [--idle S] [--frame-timeout S]\n"      \
      "               [--max-out BYTES] [--max BYTES] [--sync full|normal] [--quiet]\n"       \
      "               [--max-per-addr N] [--future-margin S] [--max-stations N]\n"            \
      "  Receives HJ 212 (2017, 2025, 2005) from many DAUs at once, stores every data\n"      \
      "  upload in SQLite (WAL) and answers as the standard says: 9014 only after the\n"      \
      "  record is committed, 9011 QnRtn=3/4 for a wrong PW / unknown MN. Runs until\n"       \
      "  SIGINT or SIGTERM, then commits and closes. See docs/platform.md.\n"                 \
      "  --listen ADDR:PORT   address to listen on (e.g. 0.0.0.0:9000; port 0: any)\n"       \
      "  --db FILE            SQLite database (created if absent)\n"                          \
      "  --alerts FILE        alerts.jsonl (created; appended to) of the built-in detection\n" \
      "                       engine; without it the platform stores and acknowledges,\n"   \
      "                       and detects nothing\n"                                         \
      "  --stations FILE      station registry, JSON array of {mn, pw, protocol, key};\n"     \
      "                       without it every MN is accepted\n"                              \
      "  --records FILE       records.jsonl (work orders, lab results) read into the db,\n"    \
      "                       and read again as it grows\n"                                    \
      "  --thresholds FILE    detection thresholds (detect/thresholds.json format)\n"    \
      "  --max-conns N        concurrent connections (default 2048); when full, the oldest\n" \
      "                       connection that never sent a valid packet makes room\n"        \
      "  --max-per-addr N     connections from one address (default 256; 0: no limit)\n"     \
      "  --idle S             close a connection without a valid packet for S s (7200)\n"    \
      "  --frame-timeout S    close a connection whose bytes make no valid packet for S s\n" \
      "                       (default 30)\n"                                                 \
      "  --future-margin S    refuse data whose DataTime is more than S s ahead of this\n"   \
      "                       machine's clock (default 86400; 0: no such check)\n"           \
      "  --max-stations N     without --stations: stations the detector keeps state for\n"  \
      "                       (default 4096; the least recently heard is forgotten)\n"       \
      "  --max-out BYTES      unsent replies per connection before it is closed (65536)\n"    \
      "  --max BYTES          largest data segment accepted (default 10240)\n"                \
      "  --sync full|normal   full: fsync at each commit (default); normal: survives a\n"     \
      "                       crash of the process, not of the machine\n"                     \
      "  --quiet              log only errors and refusals, not connections; every kind of\n" \
      "                       line is written at most 10 times per 10 s, then summed up\n",   \
      "hjrange detect --listen 地址:端口 --db 文件 [--alerts 文件] [--stations 文件]\n"        \
      "               [--records 文件] [--thresholds 文件] [--max-conns N] [--idle 秒] [--frame-timeout 秒]\n"    \
      "               [--max-out 字节数] [--max 字节数] [--sync full|normal] [--quiet]\n"     \
      "               [--max-per-addr N] [--future-margin 秒] [--max-stations N]\n"           \
      "  同时接收多台数采仪的 HJ 212（2017、2025、2005）数据，全部数据上传存入 SQLite\n"         \
      "  （WAL），并按标准应答：记录提交入库后才回 9014；密码错误 / MN 未登记回 9011\n"         \
      "  QnRtn=3/4。运行至 SIGINT 或 SIGTERM，然后提交并关闭。详见 docs/platform.md。\n"       \
      "  --listen 地址:端口   监听地址（如 0.0.0.0:9000；端口 0 表示任意）\n"                   \
      "  --db 文件            SQLite 数据库（不存在则创建）\n"                                  \
      "  --alerts 文件        内置检测引擎的 alerts.jsonl（不存在则创建，追加写入）；缺省时\n" \
      "                       平台只入库和应答，不做检测\n"                                 \
      "  --stations 文件      站点登记表，JSON 数组 {mn, pw, protocol, key}；缺省时接受任何 MN\n" \
      "  --records 文件       records.jsonl（运维工单、比对监测结果），读入数据库，\n"        \
      "                       文件增长时继续读入\n"                                            \
      "  --thresholds 文件    检测阈值（detect/thresholds.json 格式）\n"            \
      "  --max-conns N        最大并发连接数（默认 2048）；满员时先关闭最早的、从未发过\n"    \
      "                       有效报文的连接\n"                                                \
      "  --max-per-addr N     同一地址的最大连接数（默认 256；0 表示不限）\n"                  \
      "  --idle 秒            连接超过该时间无有效报文则关闭（默认 7200）\n"                    \
      "  --frame-timeout 秒   收到的字节超过该时间仍未构成有效报文则关闭连接（默认 30）\n"      \
      "  --future-margin 秒   DataTime 超前本机时钟超过该秒数的数据拒收（默认 86400；0 不检查）\n" \
      "  --max-stations N     未指定 --stations 时识别引擎保留状态的站点数（默认 4096，\n"     \
      "                       超出时遗忘最久未上报的站点）\n"                                  \
      "  --max-out 字节数     每个连接未发出应答的上限，超过则关闭（默认 65536）\n"             \
      "  --max 字节数         可接受的最大数据段（默认 10240）\n"                               \
      "  --sync full|normal   full：每次提交都落盘（默认）；normal：进程崩溃不丢，掉电可能丢\n" \
      "  --quiet              只记录错误和拒绝，不记录连接；每类日志每 10 秒最多 10 行，\n"   \
      "                       其余汇总为一行\n")                                              \
    X(MSG_CMD_DB, "platform database tool: dump stored records as CSV",                       \
      "平台数据库工具：以 CSV 导出已入库记录")                                                  \
    X(MSG_DB_HELP,                                                                            \
      "hjrange db dump --db FILE --cn CN [--mn MN]\n"                                         \
      "  Prints the stored readings of one CN (optionally one MN) as CSV:\n"                  \
      "  mn,cn,datatime,code,field,value,flag (header first; sorted by mn, datatime, code,\n" \
      "  field). A 3020 field's code is PolId/code.\n",                                       \
      "hjrange db dump --db 文件 --cn CN [--mn MN]\n"                                         \
      "  以 CSV 输出某一 CN（可限定某一 MN）的已入库数据：\n"                                   \
      "  mn,cn,datatime,code,field,value,flag（首行为表头；按 mn、datatime、code、field 排序）。\n" \
      "  3020 的 code 写作 PolId/code。\n")                                                   \
    X(MSG_DET_MISSING_OPT, "required option missing", "缺少必需的选项")                        \
    X(MSG_DET_START_FAILED, "cannot start the platform", "平台无法启动")                       \
    X(MSG_DET_LISTENING, "listening on", "监听")                                               \
    X(MSG_DET_PORT, "port", "端口")                                                            \
    X(MSG_DET_STATIONS, "stations in the registry", "个站点已登记")                             \
    X(MSG_DET_NO_REGISTRY, "warning: no --stations registry, every MN is accepted",            \
      "警告：未指定 --stations 站点登记表，接受任何 MN")                                         \
    X(MSG_DET_NO_ALERTS, "no --alerts file: storing and acknowledging only, no detection",      \
      "未指定 --alerts 文件：只入库和应答，不做检测")                                             \
    X(MSG_DET_STOPPED, "stopped; database committed and closed", "已停止；数据库已提交并关闭")   \
    X(MSG_DET_SUMMARY, "packets, stored, duplicates, 9014 sent, refused, dropped, auth failed", \
      "报文、入库、重复、已回 9014、拒收、丢弃、认证失败")                                       \
    X(MSG_DET_EV_ACCEPT, "connection", "连接")                                                 \
    X(MSG_DET_EV_CLOSE, "connection closed", "连接关闭")                                       \
    X(MSG_DET_EV_CONN_LIMIT, "connection refused (limit reached)", "拒绝连接（已达上限）")      \
    X(MSG_DET_EV_TIMEOUT, "connection timed out", "连接超时")                                   \
    X(MSG_DET_EV_OUT_LIMIT, "connection closed: peer does not read its replies",               \
      "连接关闭：对端不读取应答")                                                               \
    X(MSG_DET_EV_GARBAGE, "bytes of garbage skipped", "字节无效数据已跳过")                     \
    X(MSG_DET_EV_REFUSED, "packet refused", "报文被拒收")                                       \
    X(MSG_DET_EV_UNKNOWN_MN, "unknown MN, nothing stored (QnRtn=4)",                           \
      "MN 未登记，未入库（QnRtn=4）")                                                           \
    X(MSG_DET_EV_BAD_PW, "wrong password, nothing stored (QnRtn=3)",                           \
      "密码错误，未入库（QnRtn=3）")                                                            \
    X(MSG_DET_EV_SPLIT, "split packet part refused", "分包报文被拒收")                          \
    X(MSG_DET_EV_STORE, "database error", "数据库错误")                                         \
    X(MSG_DET_EV_DATATIME, "upload refused for its DataTime, nothing stored (QnRtn=100)",      \
      "数据时间（DataTime）不合格，拒收，未入库（QnRtn=100）")                                    \
    X(MSG_DET_EV_EVICT, "connection closed to make room: it never sent a valid packet",        \
      "为腾出连接位关闭连接：该连接从未发送有效报文")                                           \
    X(MSG_DET_EV_SUPPRESSED, "events not logged one by one", "未逐条记录的事件")                \
    X(MSG_DET_RECORDS, "records file", "运维记录文件")                                          \
    X(MSG_DET_REC_WAITING, "not there yet; it is read as soon as it appears",                  \
      "尚不存在；文件出现后立即读入")                                                           \
    X(MSG_DET_REC_BAD_LINE, "bad line, skipped", "行格式错误，已跳过")                          \
    X(MSG_DET_REC_JSON, "not a JSON object", "不是 JSON 对象")                                  \
    X(MSG_DET_REC_KIND, "\"kind\" must be work_order or lab", "\"kind\" 必须为 work_order 或 lab") \
    X(MSG_DET_REC_FIELD, "field missing or of the wrong type", "字段缺失或类型错误")             \
    X(MSG_DET_REC_LONG, "line too long", "行过长")                                              \
    X(MSG_DET_REC_STORE, "database refused it", "数据库拒绝写入")                               \
    X(MSG_DET_REC_SUMMARY, "work orders, lab results, already stored, bad lines",              \
      "运维工单、比对监测结果、已存在、错误行")                                                  \
    X(MSG_DET_DB_ROWS, "rows", "行")

#endif

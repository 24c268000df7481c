/* i18n-station.h — texts of the station emulator (station command), X(id, English, Chinese). */
#ifndef I18N_STATION_H
#define I18N_STATION_H

#define I18N_MESSAGES_STATION(X)                                                              \
    X(MSG_ST_CMD, "the station emulator alone: station rooms served over Modbus/TCP",         \
      "单独运行站房仿真：通过 Modbus/TCP 提供站房设备")                                         \
    X(MSG_ST_HELP,                                                                            \
      "hjrange station [--profile dyeing|electroplating|chemical|food|municipal] [--mn MN]\n" \
      "                [--count N] [--modbus-port P] [--listen ADDR] [--start TIME]\n"        \
      "                [--seed N] [--speed N] [--hold-at TIME --snapshot FILE]\n"             \
      "                [--duration D]\n"                                                      \
      "  Simulates N station rooms (plant, discharge channel, analyzers, probe, flow\n"      \
      "  meter, sampler, door, cameras, facility current meters) and serves each on its\n"   \
      "  own Modbus/TCP endpoint, one unit id per device (docs/station.md), for a real or\n" \
      "  test DAU to poll. Prints one line per station at start: MN ADDR:PORT; then one\n"   \
      "  line per write received: write MN unit=U fc=F addr=A n=N values=.. client=..\n"     \
      "  --profile P      plant profile (default dyeing)\n"                                  \
      "  --mn MN          station MN (default HJRANGE00000001); with --count N > 1 its\n"    \
      "                   trailing digits count up (or 2 digits are appended)\n"             \
      "  --count N        number of stations (default 1, at most 1000)\n"                     \
      "  --modbus-port P  port of the first endpoint, the next at P+1 ... (default 1502;\n"  \
      "                   0: every endpoint on an ephemeral port)\n"                          \
      "  --listen ADDR    address to listen on (default 127.0.0.1; 0.0.0.0: every one)\n"    \
      "  --start TIME     virtual start \"YYYY-MM-DD HH:MM\", China time (default: now)\n"    \
      "  --seed N         random seed (default 1)\n"                                          \
      "  --speed N        virtual time runs N times real time (default 1)\n"                  \
      "  --hold-at TIME   run as fast as possible to TIME (\"YYYY-MM-DD HH:MM\", \"HH:MM\"\n" \
      "                   or \"+2h\"), then hold the clock there (the world stops) while\n"   \
      "                   still serving Modbus; prints: held TIME\n"                          \
      "  --snapshot FILE  JSON of the values every model holds, per station and unit,\n"     \
      "                   written at the hold (without --hold-at: at the end)\n"              \
      "  --duration D     stop after D of virtual time (\"90s\", \"2h\", \"1d\"); when held:\n" \
      "                   D of real time after the hold. Default: until SIGINT/SIGTERM\n",      \
      "hjrange station [--profile dyeing|electroplating|chemical|food|municipal] [--mn MN]\n" \
      "                [--count N] [--modbus-port P] [--listen 地址] [--start 时间]\n"        \
      "                [--seed N] [--speed N] [--hold-at 时间 --snapshot 文件]\n"             \
      "                [--duration 时长]\n"                                                   \
      "  仿真 N 个站房（企业、排放渠道、分析仪、pH 探头、流量计、采样器、门禁、摄像机、\n"     \
      "  工况电流表），每个站房一个 Modbus/TCP 端点，每台设备一个单元号（见\n"                 \
      "  docs/station.md），供真实或测试用数采仪轮询。启动时每个站房输出一行：MN 地址:端口；\n" \
      "  每收到一次写操作输出一行：write MN unit=U fc=F addr=A n=N values=.. client=..\n"    \
      "  --profile P      企业类型（默认 dyeing 印染）\n"                                      \
      "  --mn MN          站点 MN（默认 HJRANGE00000001）；--count N > 1 时末尾数字递增\n"    \
      "                   （无末尾数字则追加 2 位序号）\n"                                     \
      "  --count N        站房数量（默认 1，最多 1000）\n"                                     \
      "  --modbus-port P  第一个端点的端口，其后依次 P+1 ...（默认 1502；0：全部用临时端口）\n" \
      "  --listen 地址    监听地址（默认 127.0.0.1；0.0.0.0：所有地址）\n"                    \
      "  --start 时间     虚拟起始时间 \"YYYY-MM-DD HH:MM\"，北京时间（默认：当前时间）\n"    \
      "  --seed N         随机种子（默认 1）\n"                                                \
      "  --speed N        虚拟时间为真实时间的 N 倍（默认 1）\n"                               \
      "  --hold-at 时间   尽快运行到该时间（\"YYYY-MM-DD HH:MM\"、\"HH:MM\" 或 \"+2h\"），\n" \
      "                   然后时钟停在该时刻（物理过程停止），Modbus 继续服务；输出：held 时间\n" \
      "  --snapshot 文件  各站房各单元模型当前取值的 JSON，在停钟时写出（无 --hold-at 时在\n" \
      "                   结束时写出）\n"                                                      \
      "  --duration 时长  虚拟时间运行该时长后停止（\"90s\"、\"2h\"、\"1d\"）；停钟时为停钟后\n" \
      "                   的真实时长。默认：直到 SIGINT/SIGTERM\n")                             \
    X(MSG_ST_BAD_STATION, "bad station configuration", "站房配置无效")                         \
    X(MSG_ST_LISTEN_FAIL, "cannot serve Modbus/TCP", "无法提供 Modbus/TCP 服务")               \
    X(MSG_ST_SNAPSHOT_FAIL, "cannot write the snapshot", "无法写出快照")                      \
    X(MSG_ST_HOLD_BEFORE_START, "--hold-at is before --start", "--hold-at 早于 --start")      \
    X(MSG_ST_SNAPSHOT_NEEDS, "--snapshot needs a file name", "--snapshot 需要文件名")          \
    X(MSG_ST_MN_COUNT, "cannot number that many stations from this MN",                       \
      "无法由该 MN 编出这么多站点号")

#endif

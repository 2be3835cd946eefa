// Every test process computes calendars in Beijing time, whatever the machine's zone.
process.env.TZ = 'Asia/Shanghai';
process.env.LOG_LEVEL ??= 'silent';

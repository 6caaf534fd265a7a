const dateTime = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
const time = new Intl.DateTimeFormat('zh-CN', { timeStyle: 'medium', timeZone: 'Asia/Shanghai' });

/** 2025/5/1 14:03, in the agency's time zone whatever the server's. */
export const formatDateTime = (d: Date | number) => dateTime.format(d);
/** 14:03:22 */
export const formatTime = (d: Date | number) => time.format(d);

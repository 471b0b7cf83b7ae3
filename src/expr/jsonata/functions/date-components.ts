/*
 * The value of each date/time component (F&O §9.8.4.2) of a UTC date: year, month, ISO week
 * numbers and the rest (datetime.js getDateTimeFragment).
 */
const DAY = 1000 * 60 * 60 * 24;

/** Where week 1 of a month (or of the year, for January) starts: the Monday of the week holding its 4th day. */
function startOfFirstWeek(year: number, month: number): number {
  const first = Date.UTC(year, month);
  let day = new Date(first).getUTCDay();
  if (day === 0) day = 7;
  return day > 4 ? first + (8 - day) * DAY : first - (day - 1) * DAY;
}

function nextMonth(year: number, month: number): [number, number] {
  return month === 11 ? [year + 1, 0] : [year, month + 1];
}

function previousMonth(year: number, month: number): [number, number] {
  return month === 0 ? [year - 1, 11] : [year, month - 1];
}

const deltaWeeks = (start: number, end: number): number => (end - start) / (DAY * 7) + 1;

export function dateComponent(date: Date, component: string): number | string | undefined {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (component) {
    case 'Y':
      return year;
    case 'M':
      return month + 1;
    case 'D':
      return date.getUTCDate();
    case 'd':
      return (Date.UTC(year, month, date.getUTCDate()) - Date.UTC(year, 0)) / DAY + 1;
    case 'F':
      return date.getUTCDay() || 7;
    case 'W': {
      const today = Date.UTC(year, month, date.getUTCDate());
      let week = deltaWeeks(startOfFirstWeek(year, 0), today);
      if (week > 52) {
        if (today >= startOfFirstWeek(year + 1, 0)) week = 1;
      } else if (week < 1) week = deltaWeeks(startOfFirstWeek(year - 1, 0), today);
      return Math.floor(week);
    }
    case 'w': {
      const today = Date.UTC(year, month, date.getUTCDate());
      let week = deltaWeeks(startOfFirstWeek(year, month), today);
      if (week > 4) {
        if (today >= startOfFirstWeek(...nextMonth(year, month))) week = 1;
      } else if (week < 1) week = deltaWeeks(startOfFirstWeek(...previousMonth(year, month)), today);
      return Math.floor(week);
    }
    case 'X': {
      const now = date.getTime();
      if (now < startOfFirstWeek(year, 0)) return year - 1;
      return now >= startOfFirstWeek(year + 1, 0) ? year + 1 : year;
    }
    case 'x': {
      const now = date.getTime();
      const next = nextMonth(year, month);
      if (now < startOfFirstWeek(year, month)) return previousMonth(year, month)[1] + 1;
      return now >= startOfFirstWeek(...next) ? next[1] + 1 : month + 1;
    }
    case 'H':
      return date.getUTCHours();
    case 'h':
      return date.getUTCHours() % 12 || 12;
    case 'P':
      return date.getUTCHours() >= 12 ? 'pm' : 'am';
    case 'm':
      return date.getUTCMinutes();
    case 's':
      return date.getUTCSeconds();
    case 'f':
      return date.getUTCMilliseconds();
    case 'C':
    case 'E':
      return 'ISO';
    default:
      return undefined;
  }
}

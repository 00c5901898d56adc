package dev.calsync.googleemulator.ui;

import static dev.calsync.googleemulator.html.HtmlText.escape;

import dev.calsync.googleemulator.calendar.domain.EventTime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The calendar view's HTML: account and calendar choosers as links, previous/today/next, the agenda or the
 * week grid. Plain server-rendered HTML and inline CSS, no script and nothing fetched from elsewhere, so it
 * works offline; every piece of calendar, event and request text goes through {@code HtmlText.escape}.
 */
final class CalendarViewPages {

    static final String PATH = "/emulator/ui";

    private static final int HOUR_PX = 48;
    private static final int MIN_BLOCK_PX = 20;
    private static final int COMPACT_BELOW_PX = 40;
    /** The grid always shows at least office hours; earlier or later occurrences widen it. */
    private static final int FIRST_HOUR = 8;
    private static final int LAST_HOUR = 18;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_SHORT = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_LONG = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_WITH_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);

    private static final String SERIES_MARK = " <span class=\"series-mark\" title=\"part of a series\">↻</span>";

    private static final String STYLE = """
            *{box-sizing:border-box}
            body{font-family:Roboto,Arial,sans-serif;margin:0;color:#1f1f1f;background:#fff}
            header{display:flex;align-items:center;gap:24px;padding:12px 20px;border-bottom:1px solid #dadce0;flex-wrap:wrap}
            .brand{font-size:20px;color:#444}
            nav a,aside a,.toolbar a{color:#1f1f1f;text-decoration:none;border-radius:16px;padding:6px 12px;display:inline-block}
            nav a:hover,aside a:hover,.toolbar a:hover{background:#f1f3f4}
            a.chosen{background:#d3e3fd;font-weight:500}
            .layout{display:flex}
            aside{width:210px;padding:16px;border-right:1px solid #dadce0;flex:none}
            aside h2{font-size:14px;font-weight:500;margin:0 0 8px;color:#444}
            aside ul{list-style:none;margin:0;padding:0}aside li{margin:2px 0}
            aside a{display:block;overflow-wrap:anywhere;font-size:14px}
            .kind{color:#5f6368;font-size:12px}
            main{flex:1;padding:12px 20px;min-width:0}
            .toolbar{display:flex;align-items:center;gap:8px;flex-wrap:wrap}
            .toolbar a{border:1px solid #dadce0}
            .toolbar h1{font-size:22px;font-weight:400;margin:0 12px}
            .views{margin-left:auto}
            #zone{color:#5f6368;font-size:13px;margin:8px 0 12px}
            .week{display:grid;grid-template-columns:48px repeat(7,minmax(0,1fr));border-top:1px solid #dadce0}
            .dayhead{text-align:center;padding:6px 0;border-left:1px solid #dadce0}
            .dow{display:block;font-size:11px;color:#5f6368;text-transform:uppercase}
            .dom{font-size:22px}
            .today .dom{background:#0b57d0;color:#fff;border-radius:50%;padding:2px 8px}
            .rowlabel{font-size:11px;color:#5f6368;text-align:right;padding:4px 6px;border-top:1px solid #dadce0}
            .allday{border-left:1px solid #dadce0;border-top:1px solid #dadce0;padding:2px;min-height:28px}
            .chip{background:#33b679;color:#fff;border-radius:4px;padding:2px 6px;font-size:12px;margin:1px 0;
              white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
            .hours{position:relative;border-top:1px solid #dadce0}
            .hour{position:absolute;right:6px;font-size:11px;color:#5f6368;transform:translateY(-50%)}
            .hour:first-child{transform:none}
            .day{position:relative;border-left:1px solid #dadce0;border-top:1px solid #dadce0;
              background-image:repeating-linear-gradient(to bottom,#e8eaed 0 1px,transparent 1px 48px)}
            .event{position:absolute;background:#039be5;color:#fff;border-radius:4px;padding:2px 4px;font-size:12px;
              overflow:hidden;border:1px solid #fff;line-height:1.25}
            .event .time{display:block;font-size:11px;opacity:.9;white-space:nowrap;overflow:hidden}
            .event.compact{white-space:nowrap;text-overflow:ellipsis;padding-top:1px}
            .event.compact .time{display:inline}
            .event.moved,.agenda-event.moved .summary{font-style:italic}
            .series-mark{font-size:11px}
            .agenda-day{display:flex;gap:16px;border-bottom:1px solid #e8eaed;padding:10px 0}
            .agenda-day h2{font-size:14px;font-weight:500;width:170px;flex:none;margin:2px 0}
            .agenda-day.today h2{color:#0b57d0}
            .agenda-day ul{list-style:none;margin:0;padding:0;flex:1}
            .agenda-event{padding:3px 0;display:flex;gap:12px;flex-wrap:wrap}
            .agenda-event .time{width:110px;color:#5f6368;flex:none}
            .agenda-event .summary{font-weight:500}
            .where,.note{color:#5f6368}
            .empty{color:#5f6368;padding:24px 0}
            footer{color:#5f6368;font-size:12px;padding:12px 20px;border-top:1px solid #dadce0}
            .error{max-width:640px;margin:48px auto;padding:0 20px}
            """;

    private CalendarViewPages() {
    }

    static String page(CalendarView view) {
        String body = """
                <header><div class="brand">google-emulator · calendars</div>
                <nav class="accounts" aria-label="Accounts">%s</nav></header>
                <div class="layout">
                <aside><h2>Calendars of %s</h2><ul id="calendars">
                %s</ul></aside>
                <main>
                <div class="toolbar">
                <a id="prev" href="%s" title="Earlier">‹ Previous</a><a id="today" href="%s">Today</a><a id="next" href="%s" title="Later">Next ›</a>
                <h1 id="range">%s</h1>
                <span class="views"><a id="view-agenda" href="%s"%s>Agenda</a> <a id="view-week" href="%s"%s>Week</a></span>
                </div>
                <p id="zone">Times in <strong>%s</strong>, the calendar's time zone.</p>
                %s
                </main>
                </div>
                <footer>A read-only view of the emulator's calendars: series are shown as their occurrences; cancelled events and
                deleted occurrences are not shown.</footer>
                """.formatted(accountLinks(view), escape(view.account()), calendarLinks(view),
                link(view, view.first().minusDays(view.days()), view.kind()), link(view, null, view.kind()),
                link(view, view.first().plusDays(view.days()), view.kind()), escape(range(view)),
                link(view, view.first(), ViewKind.AGENDA), chosen(view.kind() == ViewKind.AGENDA),
                link(view, view.first(), ViewKind.WEEK), chosen(view.kind() == ViewKind.WEEK), escape(view.zone().getId()),
                view.kind() == ViewKind.WEEK ? week(view) : agenda(view));
        return document(view.calendar().summary() + " · google-emulator", body);
    }

    static String noAccounts() {
        return document("google-emulator · calendars", """
                <div class="error"><h1>No accounts</h1>
                <p>The emulator's seed file has no test accounts, so there is no calendar to show.</p></div>
                """);
    }

    /** An account no API call has touched yet: Google's would have its primary calendar, the emulator's has none. */
    static String noCalendars(CalendarView view) {
        return document("google-emulator · calendars", """
                <header><div class="brand">google-emulator · calendars</div>
                <nav class="accounts" aria-label="Accounts">%s</nav></header>
                <div class="error"><h1>No calendars yet</h1>
                <p id="message">%s has no calendars yet: the emulator makes an account's primary calendar on its first
                Calendar API call.</p></div>
                """.formatted(accountLinks(view), escape(view.account())));
    }

    static String error(String message) {
        return document("google-emulator · calendars", """
                <div class="error"><h1>Cannot show that</h1><p id="message">%s</p>
                <p><a href="%s">Open the calendar view</a></p></div>
                """.formatted(escape(message), PATH));
    }

    // ---- agenda ---------------------------------------------------------------------------------------

    private static String agenda(CalendarView view) {
        StringBuilder html = new StringBuilder("<div id=\"agenda\">\n");
        boolean any = false;
        for (LocalDate day = view.first(); !day.isAfter(view.last()); day = day.plusDays(1)) {
            List<ShownEvent> events = view.on(day);
            if (events.isEmpty()) {
                continue;
            }
            any = true;
            LocalDate shown = day;
            html.append("<section class=\"agenda-day%s\" data-day=\"%s\"><h2>%s</h2><ul>\n".formatted(
                    day.equals(view.today()) ? " today" : "", day, escape(DAY_LONG.format(day))));
            events.forEach(event -> html.append(agendaItem(event, shown, view.zone())));
            html.append("</ul></section>\n");
        }
        if (!any) {
            html.append("<p class=\"empty\">Nothing in this calendar from %s to %s.</p>\n".formatted(
                    escape(DAY_SHORT.format(view.first())), escape(DAY_WITH_YEAR.format(view.last()))));
        }
        return html.append("</div>").toString();
    }

    private static String agendaItem(ShownEvent event, LocalDate day, ZoneId zone) {
        String where = event.location() == null || event.location().isBlank() ? ""
                : "<span class=\"where\">%s</span>".formatted(escape(event.location()));
        return "<li class=\"agenda-event%s\"><span class=\"time\">%s</span><span class=\"summary\">%s</span>%s%s</li>\n".formatted(
                event.movedFrom() != null ? " moved" : "", escape(times(event, day)), escape(event.summary()), where,
                notes(event, zone));
    }

    // ---- week grid ------------------------------------------------------------------------------------

    private static String week(CalendarView view) {
        List<LocalDate> days = view.first().datesUntil(view.first().plusDays(view.days())).toList();
        Map<LocalDate, List<DayLayout.Block>> blocks = new LinkedHashMap<>();
        days.forEach(day -> blocks.put(day, DayLayout.of(day, view.events())));
        int firstHour = Math.min(FIRST_HOUR, blocks.values().stream().flatMap(List::stream)
                .mapToInt(block -> block.startMinute() / 60).min().orElse(FIRST_HOUR));
        int lastHour = Math.max(LAST_HOUR, blocks.values().stream().flatMap(List::stream)
                .mapToInt(block -> (block.endMinute() + 59) / 60).max().orElse(LAST_HOUR));
        int height = (lastHour - firstHour) * HOUR_PX;

        StringBuilder html = new StringBuilder("<div class=\"week\" id=\"week\">\n<div></div>\n");
        for (LocalDate day : days) {
            html.append("<div class=\"dayhead%s\" data-day=\"%s\"><span class=\"dow\">%s</span><span class=\"dom\">%d</span></div>\n"
                    .formatted(day.equals(view.today()) ? " today" : "", day, WEEKDAY.format(day), day.getDayOfMonth()));
        }
        html.append("<div class=\"rowlabel\">all day</div>\n");
        for (LocalDate day : days) {
            String chips = view.on(day).stream().filter(ShownEvent::allDay)
                    .map(event -> "<div class=\"chip\" title=\"%s\">%s%s</div>".formatted(escape(tooltip(event, day, view.zone())),
                            escape(event.summary()), event.inSeries() ? SERIES_MARK : ""))
                    .collect(Collectors.joining());
            html.append("<div class=\"allday\" data-day=\"%s\">%s</div>\n".formatted(day, chips));
        }
        html.append("<div class=\"hours\" style=\"height:%dpx\">".formatted(height));
        for (int hour = firstHour; hour < lastHour; hour++) {
            html.append("<div class=\"hour\" style=\"top:%dpx\">%02d:00</div>".formatted((hour - firstHour) * HOUR_PX, hour));
        }
        html.append("</div>\n");
        for (LocalDate day : days) {
            html.append("<div class=\"day\" data-day=\"%s\" style=\"height:%dpx\">".formatted(day, height));
            for (DayLayout.Block block : blocks.get(day)) {
                html.append(block(block, day, firstHour, view.zone()));
            }
            html.append("</div>\n");
        }
        return html.append("</div>").toString();
    }

    private static String block(DayLayout.Block block, LocalDate day, int firstHour, ZoneId zone) {
        ShownEvent event = block.event();
        int top = (block.startMinute() - firstHour * 60) * HOUR_PX / 60;
        int height = Math.max(MIN_BLOCK_PX, (block.endMinute() - block.startMinute()) * HOUR_PX / 60);
        double width = 100.0 / block.lanes();
        // too short for two lines: title first, then the start time, on one line, so that the title stays readable
        if (height < COMPACT_BELOW_PX) {
            String times = times(event, day);
            return ("<div class=\"event compact%s\" style=\"top:%dpx;height:%dpx;left:%.3f%%;width:%.3f%%\" title=\"%s\">"
                    + "<span class=\"summary\">%s</span>%s <span class=\"time\">%s</span></div>").formatted(
                    event.movedFrom() != null ? " moved" : "", top, height, block.lane() * width, width,
                    escape(tooltip(event, day, zone)), escape(event.summary()), event.inSeries() ? SERIES_MARK : "",
                    escape(times.substring(0, times.indexOf('–'))));
        }
        return ("<div class=\"event%s\" style=\"top:%dpx;height:%dpx;left:%.3f%%;width:%.3f%%\" title=\"%s\">"
                + "<span class=\"time\">%s</span><span class=\"summary\">%s</span>%s</div>").formatted(
                event.movedFrom() != null ? " moved" : "", top, height, block.lane() * width, width,
                escape(tooltip(event, day, zone)), escape(times(event, day)), escape(event.summary()),
                event.inSeries() ? SERIES_MARK : "");
    }

    // ---- shared pieces --------------------------------------------------------------------------------

    /** "09:00–10:00" on the day; "… –10:00" and "09:00– …" where the occurrence runs over midnight; "All day". */
    static String times(ShownEvent event, LocalDate day) {
        if (event.allDay()) {
            return "All day";
        }
        String from = event.start().toLocalDate().equals(day) ? TIME.format(event.start()) : "…";
        String to;
        if (event.end().toLocalDate().equals(day)) {
            to = TIME.format(event.end());
        } else if (event.end().isEqual(day.plusDays(1).atStartOfDay(event.end().getZone()))) {
            to = "24:00";
        } else {
            to = "…";
        }
        return from + "–" + to;
    }

    private static String tooltip(ShownEvent event, LocalDate day, ZoneId zone) {
        StringBuilder text = new StringBuilder(event.summary()).append(", ").append(times(event, day));
        if (event.location() != null && !event.location().isBlank()) {
            text.append(", ").append(event.location());
        }
        if (event.movedFrom() != null) {
            text.append(", moved from ").append(slot(event.movedFrom(), zone));
        }
        return text.toString();
    }

    private static String notes(ShownEvent event, ZoneId zone) {
        StringBuilder notes = new StringBuilder();
        if (event.inSeries()) {
            notes.append("<span class=\"note series\">↻ repeats</span>");
        }
        if (event.movedFrom() != null) {
            notes.append("<span class=\"note moved-from\">moved from %s</span>".formatted(escape(slot(event.movedFrom(), zone))));
        }
        return notes.toString();
    }

    /** A series slot as the calendar's zone shows it. */
    private static String slot(EventTime original, ZoneId zone) {
        return original.allDay() ? DAY_SHORT.format(original.date())
                : DAY_SHORT.format(original.dateTime().atZoneSameInstant(zone)) + " " + TIME.format(original.dateTime().atZoneSameInstant(zone));
    }

    private static String range(CalendarView view) {
        return DAY_SHORT.format(view.first()) + " – " + DAY_WITH_YEAR.format(view.last());
    }

    private static String accountLinks(CalendarView view) {
        return view.accounts().stream().map(account -> "<a href=\"%s\"%s>%s</a>".formatted(
                escape(url(account, null, view.kind(), null)), chosen(account.equals(view.account())), escape(account)))
                .collect(Collectors.joining(" "));
    }

    private static String calendarLinks(CalendarView view) {
        return view.calendars().stream().map(calendar -> "<li><a href=\"%s\"%s>%s%s</a></li>\n".formatted(
                escape(url(view.account(), calendar.id(), view.kind(), view.first())), chosen(calendar.equals(view.calendar())),
                escape(calendar.summary()), calendar.primary() ? " <span class=\"kind\">(primary)</span>" : ""))
                .collect(Collectors.joining());
    }

    /** This account and calendar at another date ({@code null} = today) or in the other view, HTML-escaped. */
    private static String link(CalendarView view, LocalDate day, ViewKind kind) {
        return escape(url(view.account(), view.calendar().id(), kind, day));
    }

    static String url(String account, String calendarId, ViewKind kind, LocalDate day) {
        StringBuilder url = new StringBuilder(PATH).append("?account=").append(encode(account));
        if (calendarId != null) {
            url.append("&calendar=").append(encode(calendarId));
        }
        url.append("&view=").append(kind.parameter());
        if (day != null) {
            url.append("&week=").append(day);
        }
        return url.toString();
    }

    private static String chosen(boolean chosen) {
        return chosen ? " class=\"chosen\" aria-current=\"page\"" : "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String document(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>%s</style></head>
                <body>
                %s</body></html>
                """.formatted(escape(title), STYLE, body);
    }
}

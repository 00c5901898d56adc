package dev.calsync.feedingest.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Windows time zone names as Outlook and Exchange write them in TZID, mapped to the IANA zone CLDR
 * names for the "001" territory. The order is also the preference when a custom VTIMEZONE is matched by
 * its offsets, so the most used zone of each offset comes first.
 */
final class WindowsZoneNames {

    static final Map<String, String> TO_IANA = new LinkedHashMap<>();

    static {
        String[][] pairs = {
            {"UTC", "Etc/UTC"},
            {"GMT Standard Time", "Europe/London"},
            {"W. Europe Standard Time", "Europe/Berlin"},
            {"Romance Standard Time", "Europe/Paris"},
            {"Central Europe Standard Time", "Europe/Budapest"},
            {"Central European Standard Time", "Europe/Warsaw"},
            {"W. Central Africa Standard Time", "Africa/Lagos"},
            {"GTB Standard Time", "Europe/Bucharest"},
            {"FLE Standard Time", "Europe/Kiev"},
            {"E. Europe Standard Time", "Europe/Chisinau"},
            {"Middle East Standard Time", "Asia/Beirut"},
            {"Egypt Standard Time", "Africa/Cairo"},
            {"South Africa Standard Time", "Africa/Johannesburg"},
            {"Israel Standard Time", "Asia/Jerusalem"},
            {"Turkey Standard Time", "Europe/Istanbul"},
            {"Russian Standard Time", "Europe/Moscow"},
            {"Arabic Standard Time", "Asia/Baghdad"},
            {"Arab Standard Time", "Asia/Riyadh"},
            {"E. Africa Standard Time", "Africa/Nairobi"},
            {"Iran Standard Time", "Asia/Tehran"},
            {"Arabian Standard Time", "Asia/Dubai"},
            {"Pakistan Standard Time", "Asia/Karachi"},
            {"Ekaterinburg Standard Time", "Asia/Yekaterinburg"},
            {"India Standard Time", "Asia/Kolkata"},
            {"Sri Lanka Standard Time", "Asia/Colombo"},
            {"Nepal Standard Time", "Asia/Kathmandu"},
            {"Bangladesh Standard Time", "Asia/Dhaka"},
            {"Myanmar Standard Time", "Asia/Yangon"},
            {"SE Asia Standard Time", "Asia/Bangkok"},
            {"North Asia Standard Time", "Asia/Krasnoyarsk"},
            {"China Standard Time", "Asia/Shanghai"},
            {"Singapore Standard Time", "Asia/Singapore"},
            {"Taipei Standard Time", "Asia/Taipei"},
            {"W. Australia Standard Time", "Australia/Perth"},
            {"Tokyo Standard Time", "Asia/Tokyo"},
            {"Korea Standard Time", "Asia/Seoul"},
            {"Cen. Australia Standard Time", "Australia/Adelaide"},
            {"AUS Central Standard Time", "Australia/Darwin"},
            {"E. Australia Standard Time", "Australia/Brisbane"},
            {"AUS Eastern Standard Time", "Australia/Sydney"},
            {"Tasmania Standard Time", "Australia/Hobart"},
            {"New Zealand Standard Time", "Pacific/Auckland"},
            {"Fiji Standard Time", "Pacific/Fiji"},
            {"Tonga Standard Time", "Pacific/Tongatapu"},
            {"Azores Standard Time", "Atlantic/Azores"},
            {"Cape Verde Standard Time", "Atlantic/Cape_Verde"},
            {"Greenwich Standard Time", "Atlantic/Reykjavik"},
            {"Morocco Standard Time", "Africa/Casablanca"},
            {"Greenland Standard Time", "America/Godthab"},
            {"E. South America Standard Time", "America/Sao_Paulo"},
            {"Argentina Standard Time", "America/Buenos_Aires"},
            {"SA Eastern Standard Time", "America/Cayenne"},
            {"Newfoundland Standard Time", "America/St_Johns"},
            {"Atlantic Standard Time", "America/Halifax"},
            {"SA Western Standard Time", "America/La_Paz"},
            {"Pacific SA Standard Time", "America/Santiago"},
            {"Venezuela Standard Time", "America/Caracas"},
            {"Eastern Standard Time", "America/New_York"},
            {"US Eastern Standard Time", "America/Indiana/Indianapolis"},
            {"SA Pacific Standard Time", "America/Bogota"},
            {"Central Standard Time", "America/Chicago"},
            {"Central Standard Time (Mexico)", "America/Mexico_City"},
            {"Canada Central Standard Time", "America/Regina"},
            {"Central America Standard Time", "America/Guatemala"},
            {"Mountain Standard Time", "America/Denver"},
            {"Mountain Standard Time (Mexico)", "America/Mazatlan"},
            {"US Mountain Standard Time", "America/Phoenix"},
            {"Pacific Standard Time", "America/Los_Angeles"},
            {"Pacific Standard Time (Mexico)", "America/Tijuana"},
            {"Alaskan Standard Time", "America/Anchorage"},
            {"Hawaiian Standard Time", "Pacific/Honolulu"},
            {"UTC-11", "Etc/GMT+11"},
            {"Dateline Standard Time", "Etc/GMT+12"},
        };
        for (String[] pair : pairs) {
            TO_IANA.put(pair[0], pair[1]);
        }
    }

    private WindowsZoneNames() {
    }
}

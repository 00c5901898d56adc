package dev.calsync.feedingest.parse;

import java.util.Map;

/** A content line: upper-cased name, parameters (upper-cased names, unquoted values), raw value. */
record IcsProperty(String name, Map<String, String> parameters, String value) {

    String parameter(String parameterName) {
        return parameters.get(parameterName);
    }
}

package io.github.smsotp.phone;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A country allow-list written as E.164 country calling codes ("1, 44, 49"). An empty list
 * allows every country.
 */
public record CallingCodes(Set<Integer> codes) {

    public static final CallingCodes ALL = new CallingCodes(Set.of());

    /**
     * @throws IllegalArgumentException naming the entry that is not a calling code
     */
    public static CallingCodes parse(String list) {
        if (list == null || list.isBlank()) {
            return ALL;
        }
        Set<Integer> codes = new LinkedHashSet<>();
        for (String entry : list.split("[,;\\s]+")) {
            String code = entry.startsWith("+") ? entry.substring(1) : entry;
            if (code.isEmpty()) {
                continue;
            }
            if (!code.matches("[1-9][0-9]{0,2}")) {
                throw new IllegalArgumentException("'" + entry + "' is not a country calling code like 1, 44 or 49");
            }
            codes.add(Integer.parseInt(code));
        }
        return new CallingCodes(Set.copyOf(codes));
    }

    public boolean allows(String e164) {
        return codes.isEmpty() || PhoneNumbers.callingCode(e164).filter(codes::contains).isPresent();
    }

    /** Whether numbers with the country calling code {@code code} are allowed. */
    public boolean allowsCode(int code) {
        return codes.isEmpty() || codes.contains(code);
    }
}

package io.github.smsotp.requiredaction;

import java.util.List;
import java.util.Map;

import io.github.smsotp.phone.Regions;

/** What the number page shows: the number typed so far, and the country choices for a national number. */
public final class NumberPageBean {

    private final String phone;
    private final Regions regions;

    NumberPageBean(String phone, Regions regions) {
        this.phone = phone == null ? "" : phone;
        this.regions = regions;
    }

    public String getPhone() {
        return phone;
    }

    /** Each country as the selector lists it: code, "Germany (+49)", and a national example number. */
    public List<Map<String, String>> getRegions() {
        return regions.choices().stream().map(region -> Map.of("code", region.code(),
                "label", region.name() + " (+" + region.callingCode() + ")", "example", region.example())).toList();
    }

    /** The preselected country's code; empty for none. */
    public String getSelected() {
        return regions.selected().orElse("");
    }

    /** An example number of the preselected country, as the field's placeholder; empty for none. */
    public String getExample() {
        return regions.selected().flatMap(code -> regions.choices().stream()
                .filter(region -> region.code().equals(code)).findFirst())
                .map(Regions.Region::example).orElse("");
    }
}

package io.github.smsotp.admin;

import java.util.Locale;

import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.settings.EnrollmentSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/** {@code POST import}: users' numbers from another SMS plugin, counted (dry run) or enrolled. */
public class NumberImportResource {

    private static final Logger LOG = Logger.getLogger(NumberImportResource.class);

    private final AdminCall call;

    NumberImportResource(AdminCall call) {
        this.call = call;
    }

    /**
     * {@code {"source": "credential" | "attribute", "credentialType": "mobile-number", "credentialField":
     * "mobile_number", "attribute": "mobile_number", "defaultRegion": "DE", "mode": "trust" | "verify",
     * "dryRun": true}}. A dry run (the default) only counts.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public NumberImport.Report run(String body) {
        call.auth().users().requireManage();
        JsonInput request = JsonInput.of(body);
        NumberImport.Source source = switch (request.text("source", "")) {
            case "credential" -> new NumberImport.Credential(request.text("credentialType", "mobile-number"),
                    request.text("credentialField", "mobile_number"));
            case "attribute" -> new NumberImport.Attribute(request.text("attribute", "mobile_number"));
            default -> throw new JsonInput.BadInput("source", "must be 'credential' or 'attribute'");
        };
        String region = request.text("defaultRegion", "").toUpperCase(Locale.ROOT);
        if (!region.isEmpty() && !region.matches("[A-Z]{2}")) {
            throw new JsonInput.BadInput("defaultRegion", "must be a two-letter ISO 3166 region like US or DE");
        }
        NumberImport.Mode mode = switch (request.text("mode", "verify")) {
            case "trust" -> NumberImport.Mode.TRUST;
            case "verify" -> NumberImport.Mode.VERIFY;
            default -> throw new JsonInput.BadInput("mode", "must be 'trust' or 'verify'");
        };
        boolean dryRun = request.flag("dryRun", true);
        EnrollmentSettings enrollment = call.enrollment();
        PhoneSource phoneSource = new PhoneSource(enrollment.provisioned());
        if (!dryRun && mode == NumberImport.Mode.VERIFY && !phoneSource.confirmsFirst()) {
            throw new JsonInput.BadInput("mode", "'verify' needs the realm's SMS setting 'provisioned-numbers' set "
                    + "to 'verify', so that enrollment asks users to confirm the imported number");
        }
        NumberImport.Report report = NumberImport.run(call, source, region.isEmpty() ? null : region, mode, dryRun,
                enrollment);
        if (!dryRun) {
            call.event(OperationType.ACTION, ResourceType.USER, report);
        }
        LOG.infof("SMS number import in realm '%s' (%s, %s%s): %d found, %d valid, %d invalid, %d shared, "
                        + "%d already enrolled, %d %s, %d not stored", call.realm().getName(), source, mode,
                dryRun ? ", dry run" : "", report.found(), report.valid(), report.invalid(), report.duplicates(),
                report.alreadyEnrolled(), report.imported(), dryRun ? "to import" : "imported", report.notStored());
        return report;
    }
}

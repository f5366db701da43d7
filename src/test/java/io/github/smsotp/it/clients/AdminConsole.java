package io.github.smsotp.it.clients;

import io.github.smsotp.it.harness.KeycloakServer;
import org.openqa.selenium.By;

/**
 * Keycloak's admin console as an admin uses it, one action per method: what is clicked and typed is
 * what the README's setup steps say. Works on every Keycloak version the suite runs on.
 */
public final class AdminConsole {

    private final Chromium browser;
    private final String console;

    /** Signs in to the master realm's admin console as the bootstrap admin. */
    public AdminConsole(Chromium browser, KeycloakServer server, String realm) {
        this.browser = browser;
        this.console = server.baseUrl() + "/admin/master/console/#/" + realm;
        browser.open(console + "/realm-settings/sms");
        browser.type(By.id("username"), "admin");
        browser.type(By.id("password"), "admin");
        browser.submit(By.id("kc-login"));
    }

    /** Realm settings > SMS: picks the sender and saves. */
    public void pickSender(String sender) {
        browser.open(console + "/realm-settings/sms");
        browser.click(By.id("sender"));
        browser.click(option(sender));
        browser.click(By.cssSelector("[data-testid='save']"));
        awaitAlert("Saved successfully");
    }

    /** Authentication: duplicates the built-in {@code browser} flow under a new name and opens the copy. */
    public void duplicateBrowserFlow(String copy) {
        openFlow("browser");
        browser.click(By.cssSelector("[data-testid='action-dropdown']"));
        browser.click(menuItem("Duplicate"));
        browser.type(By.cssSelector("[role='dialog'] #alias"), copy);
        browser.click(By.cssSelector("[role='dialog'] [data-testid='confirm']"));
        awaitAlert("Flow successfully duplicated");
        // Some console versions stay on the original's steps after duplicating: open the copy by name.
        openFlow(copy);
    }

    /** In the open flow, adds the step named {@code step} (provider {@code providerId}) to a sub-flow as Required. */
    public void addRequiredStep(String subFlow, String step, String providerId) {
        browser.click(By.cssSelector("[data-testid='" + subFlow + "-edit-dropdown']"));
        browser.click(menuItem("Add execution"));
        browser.type(By.cssSelector("[role='dialog'] input[aria-label='Search']"), step);
        browser.click(By.cssSelector("[role='dialog'] button[aria-label='Search']"));
        browser.click(By.cssSelector("[role='dialog'] input[id='" + providerId + "']"));
        browser.click(By.cssSelector("[role='dialog'] [data-testid='modal-add']"));
        awaitAlert("Flow successfully updated");
        browser.click(By.xpath("//tr[.//*[@data-testid='" + step + "']]//button[normalize-space(.)='Disabled']"));
        browser.click(option("Required"));
        awaitAlert("Flow successfully updated");
        browser.await(By.xpath("//tr[.//*[@data-testid='" + step + "']]//button[normalize-space(.)='Required']"));
    }

    /** Action > Bind flow: the open flow becomes the realm's browser flow. */
    public void bindAsBrowserFlow() {
        browser.click(By.cssSelector("[data-testid='action-dropdown']"));
        browser.click(menuItem("Bind flow"));
        browser.awaitText("Choose binding type");
        browser.click(By.cssSelector("[role='dialog'] [data-testid='save']"));
        awaitAlert("Flow successfully updated");
    }

    /** Events > Admin events: shows the representation of the newest event on {@code resourcePath}. */
    public void showAdminEvent(String resourcePath) {
        browser.open(console + "/events/admin-events");
        browser.click(By.xpath("(//tr[contains(., '" + resourcePath + "')])[1]//button[@aria-label='Kebab toggle']"));
        browser.click(menuItem("Representation"));
        browser.await(By.cssSelector("[role='dialog']"));
    }

    /**
     * Waits for the console's confirmation and closes it, as an admin does: the toast covers the
     * Action menu for several seconds otherwise.
     */
    private void awaitAlert(String text) {
        By close = By.xpath("//*[contains(@class, 'c-alert') and contains(., '" + text + "')]"
                + "//button[starts-with(@aria-label, 'Close')]");
        browser.click(close);
        browser.awaitGone(close);
    }

    private void openFlow(String flow) {
        browser.open(console + "/authentication");
        browser.click(By.linkText(flow));
        browser.await(By.xpath("//h1[normalize-space(.)='" + flow + "']"));
    }

    private static By option(String text) {
        return By.xpath("//*[@role='option' and normalize-space(.)='" + text + "']");
    }

    private static By menuItem(String text) {
        return By.xpath("//*[@role='menuitem' and normalize-space(.)='" + text + "']");
    }
}

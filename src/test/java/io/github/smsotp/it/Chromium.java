package io.github.smsotp.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium, driven by its own chromedriver (see {@link RequiredTool}). */
public final class Chromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    /** Where screenshots go; {@code mvn verify -Dscreenshots=docs/screenshots} refreshes the README's. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir",
            KeycloakServer.runDir().resolve("screenshots").toString()));

    private static final String INSTALL = "apt-get install chromium chromium-driver";

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser (own profile, no cookies) with a desktop-sized window and the given UI language. */
    public static Chromium start(String language) throws IOException {
        RequiredTool.find(INSTALL, BROWSER);
        RequiredTool.find(INSTALL, DRIVER);
        Path profile = Files.createTempDirectory("sms-otp-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        // The closed network: no background, update or sync traffic; only the pages under test.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language,
                "--window-size=1100,900");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1100, 900));
        return new Chromium(driver, profile);
    }

    public void open(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Waits (up to 30 s) until an element is visible, as a user would before acting. */
    public WebElement await(By locator) {
        return waitFor(Duration.ofSeconds(30), locator.toString(), ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until the page shows a text anywhere (for the JavaScript-rendered consoles). */
    public void awaitText(String text) {
        waitFor(Duration.ofSeconds(60), "text '" + text + "'",
                d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /** Waits for a condition; a timeout names what was awaited and what the page showed instead. */
    private <T> T waitFor(Duration timeout, String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " at " + driver.getCurrentUrl()
                    + "; the page showed: " + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Scrolls the element showing {@code text} to the middle of the window, as a user would to read it. */
    public void reveal(String text) {
        WebElement element = driver.findElement(By.xpath("//*[text()[contains(., '" + text + "')]]"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** Everything the page shows as text. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void type(By field, String text) {
        WebElement element = await(field);
        element.clear();
        element.sendKeys(text);
    }

    public void click(By locator) {
        await(locator).click();
    }

    public boolean isShown(By locator) {
        return !driver.findElements(locator).isEmpty() && driver.findElement(locator).isDisplayed();
    }

    public String text(By locator) {
        return await(locator).getText();
    }

    /** Saves what the user sees as {@code <name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        driver.quit();
        TestFiles.deleteTree(profile);
    }
}

package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the editor tests, driven by Selenium WebDriver through Debian's {@code
 * chromedriver} (a local {@link ChromeDriverService}; Selenium Manager never runs, so nothing is
 * downloaded). Each browser gets a fresh profile folder, deleted on {@link #close()}.
 *
 * <p>Without Chromium or its driver the test is skipped with a message naming the install
 * command, unless the environment variable {@code CI} is set: then it fails.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("fbtools.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("fbtools.chromedriver", "/usr/bin/chromedriver"));
  static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
  static final Duration WAIT = Duration.ofSeconds(30);

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser, or skips (fails under CI) when none is installed or none can start. */
  static Browser start() {
    return start(CHROMIUM, DRIVER, System.getenv("CI") != null);
  }

  /**
   * Starts Chromium {@code chromium} through {@code driver}; when either is missing or the browser
   * does not start, aborts the test (skipped), or fails it if {@code ci}.
   */
  static Browser start(Path chromium, Path driver, boolean ci) {
    if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
      throw unavailable("no " + (Files.isExecutable(chromium) ? driver : chromium) + " here", ci);
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("fbtools-chromium-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    try {
      ChromeDriver chrome = new ChromeDriver(service, options);
      chrome.manage().timeouts().scriptTimeout(WAIT);
      chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      return new Browser(chrome, profile);
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw unavailable("Chromium could not start: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), ci);
    }
  }

  private static RuntimeException unavailable(String why, boolean ci) {
    String message =
        "the editor's browser tests need Chromium and chromedriver (" + why + "); install them"
            + " with: " + INSTALL;
    System.err.println();
    System.err.println("*".repeat(100));
    System.err.println("*** SKIPPED BROWSER TESTS: " + message);
    System.err.println("*".repeat(100));
    if (ci) {
      fail("CI is set, so a browser must start: " + message);
    }
    Assumptions.abort(message);
    return new IllegalStateException(message);
  }

  // ------------------------------------------------------------------------------------------

  void open(String url) {
    driver.get(url);
    waitReady();
  }

  void waitReady() {
    until(d -> "true".equals(js("return document.body && document.body.dataset.ready || null")));
  }

  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** Clears a field and types into it (as a user would). */
  void type(String id, String text) {
    WebElement e = byId(id);
    e.clear();
    e.sendKeys(text);
  }

  /** Sets a field's value at once (long or special text) and tells the page it changed. */
  void setValue(String id, String text) {
    js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        + " e.dispatchEvent(new Event('input', {bubbles: true}));", id, text);
  }

  void click(String id) {
    byId(id).click();
  }

  String value(String id) {
    return byId(id).getDomProperty("value");
  }

  String text(String id) {
    return (String) js("return document.getElementById(arguments[0]).textContent", id);
  }

  boolean visible(String id) {
    return byId(id).isDisplayed();
  }

  void select(String id, String value) {
    new Select(byId(id)).selectByValue(value);
  }

  /** The option values of a select, without the '' placeholder. */
  List<String> options(String id) {
    List<String> out = new ArrayList<>();
    for (WebElement o : new Select(byId(id)).getOptions()) {
      String v = o.getDomProperty("value");
      if (v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Waits until an element's data-version attribute is {@code version}. */
  void waitVersion(String id, long version) {
    until(d -> String.valueOf(version).equals(
        js("const e = document.getElementById(arguments[0]); return e ? e.dataset.version : null",
            id)));
  }

  /** Waits until an element is shown and its text contains {@code part}; returns the text. */
  String waitText(String id, String part) {
    return until(d -> {
      String t = (String) js(
          "const e = document.getElementById(arguments[0]);"
              + " return e && e.offsetParent !== null ? e.textContent : null", id);
      return t != null && t.contains(part) ? t : null;
    });
  }

  void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "editor-screenshots");
    Files.createDirectories(dir);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder
    }
  }
}

package io.outpost.relay.checks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How much of the message is text beside its images. Spam filters cannot read an image, so a message made of images
 * with little text is a classic spam shape (SpamAssassin's HTML_IMAGE_ONLY_* rules), and a reader with images off
 * (the preview's default in many mail programs) sees nothing. The thresholds follow the usual advice of at least
 * a few sentences and about 60 % text: fewer than 20 words beside an image is image-only (fail); fewer than 30 words
 * per image, or fewer than 50 words in all, is mostly images (warn).
 */
@ApplicationScoped
public class ImageTextRatioCheck implements PreSendCheck {

    static final String ID = "image-text-ratio";
    static final String TITLE = "Images and text";

    static final int IMAGE_ONLY_BELOW_WORDS = 20;
    static final int WORDS_PER_IMAGE = 30;
    static final int MIN_WORDS_WITH_IMAGES = 50;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        BodyHtml body = BodyHtml.of(message);
        int images = body.images().size();
        String text = body.visibleText().strip();
        int words = text.isEmpty() ? 0 : text.split("\\s+").length;
        String counted = words + " words and " + images + (images == 1 ? " image" : " images");
        if (images == 0) {
            return CheckResult.pass(ID, TITLE, counted + ": all text.");
        }
        if (words < IMAGE_ONLY_BELOW_WORDS) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.FAIL,
                    counted + ": an image-only message. Spam filters score it as spam (they cannot read images), and"
                            + " readers with images off see an empty message.",
                    "Write the message as text, with images beside it; put the words of any image into the text.");
        }
        if (words < MIN_WORDS_WITH_IMAGES || words < WORDS_PER_IMAGE * images) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.WARN,
                    counted + ": mostly images. Filters trust a message with little text less, and readers with"
                            + " images off see little.",
                    "Add text: at least " + Math.max(MIN_WORDS_WITH_IMAGES, WORDS_PER_IMAGE * images)
                            + " words for " + images + (images == 1 ? " image" : " images")
                            + ", or use fewer images.");
        }
        return CheckResult.pass(ID, TITLE, counted + ": enough text beside the images.");
    }
}

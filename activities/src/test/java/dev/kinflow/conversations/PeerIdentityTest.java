package dev.kinflow.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PeerIdentityTest {

    @Test
    void jidsAndPhoneFormatsOfOneNumberResolveToTheSameE164() {
        for (String from : new String[] {"972502345678@s.whatsapp.net", "972502345678:12@s.whatsapp.net",
                "972502345678@c.us", "+972 50-234-5678", "050-234-5678", "00972502345678"}) {
            assertThat(PeerIdentity.resolve(from, "IL")).as(from).contains(new PeerIdentity("+972502345678", null));
        }
    }

    @Test
    void aLidIsNeverTakenForAPhoneNumber() {
        PeerIdentity lid = PeerIdentity.resolve("972502345678@lid", "IL").orElseThrow();
        assertThat(lid.isPhone()).isFalse();
        assertThat(lid.handle()).isEqualTo("972502345678@lid");
        UUID account = UUID.randomUUID();
        assertThat(lid.key(account, null)).isEqualTo("id:" + account + ":972502345678@lid");
    }

    @Test
    void somethingThatIsNoPeerDoesNotResolve() {
        assertThat(PeerIdentity.resolve("hello", "FR")).isEmpty();
        assertThat(PeerIdentity.resolve("123-456@g.us", "FR")).isEmpty();
        assertThat(PeerIdentity.resolve("abc@lid", "FR")).isEmpty();
        assertThat(PeerIdentity.resolve(" ", "FR")).isEmpty();
    }

    @Test
    void keysFollowConversationKeys() {
        UUID account = UUID.randomUUID();
        PeerIdentity phone = PeerIdentity.resolve("+33 6 12 34 56 78", null).orElseThrow();
        assertThat(phone.key(account, null)).isEqualTo(ConversationKeys.forPhone(account, "+33612345678"));
        assertThat(phone.key(account, 42L)).isEqualTo(ConversationKeys.forContact(account, 42));
    }

    @Test
    void displayNamePrefersContactThenPushNameThenFormattedPhoneAndNeverShowsARawIdentifier() {
        assertThat(ConversationRepository.displayName("Marie Curie", "Mimi", "+33612345678", "FR"))
                .isEqualTo("Marie Curie");
        assertThat(ConversationRepository.displayName(null, "Mimi", "+33612345678", "FR")).isEqualTo("Mimi");
        assertThat(ConversationRepository.displayName(null, null, "+33612345678", "FR")).isEqualTo("06 12 34 56 78");
        assertThat(ConversationRepository.displayName(null, " ", "+972502345678", "FR")).isEqualTo("+972 50-234-5678");
        assertThat(ConversationRepository.displayName(null, null, "972502345678@s.whatsapp.net", "IL"))
                .isEqualTo("050-234-5678");
        assertThat(ConversationRepository.displayName(null, null, "123456789@lid", "FR")).isEqualTo("Unknown");
        assertThat(ConversationRepository.displayName(null, null, null, "FR")).isEqualTo("Unknown");
    }
}

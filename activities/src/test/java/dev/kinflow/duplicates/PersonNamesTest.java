package dev.kinflow.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNamesTest {

    @Test
    void variantsOfOnePersonsNameAgree() {
        assertThat(PersonNames.agree("Zoë", "Ångström", "zoe", "ANGSTROM")).as("case and accents").isTrue();
        assertThat(PersonNames.agree("Ada", "Lovelace", "Lovelace", "Ada")).as("swapped").isTrue();
        assertThat(PersonNames.agree("Robert", "Brown", "Bob", "Brown")).as("nickname").isTrue();
        assertThat(PersonNames.agree("Christopher", "Nolan", "Chris", "Nolan")).as("abbreviation").isTrue();
        assertThat(PersonNames.agree("Jennifer", "Lopez", "Jennifre", "Lopez")).as("first-name typo").isTrue();
        assertThat(PersonNames.agree("Anna", "Schwarzenegger", "Anna", "Schwarzeneger")).as("last-name typo").isTrue();
        assertThat(PersonNames.agree("Ada Lovelace", null, "Lovelace", "Ada")).as("all in first name").isTrue();
    }

    @Test
    void familyMembersAndOtherPeopleDoNotAgree() {
        assertThat(PersonNames.agree("John", "Smith", "Mary", "Smith")).isFalse();
        assertThat(PersonNames.agree("Daniel", "Smith", "Danielle", "Smith")).isFalse();
        assertThat(PersonNames.agree("Louis", "Martin", "Louise", "Martin")).isFalse();
        assertThat(PersonNames.agree("Maria", "Rossi", "Mario", "Rossi")).isFalse();
        assertThat(PersonNames.agree("Mary", "Jones", "Mark", "Jones")).isFalse();
        assertThat(PersonNames.agree("Paul", "Durand", "Paula", "Durand")).isFalse();
        assertThat(PersonNames.agree("Ann", "Lee", "Ann", "Leeds")).isFalse();
    }
}

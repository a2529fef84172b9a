//! Events, on sentences written for these tests: a council deciding, a
//! congress held by the party when a branch is named, a founding congress,
//! "that congress", the date of the event's own clause, and who takes part.

use partygraph::input::Article;
use partygraph::lexicon::SeedSource;
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Event;

fn events(published: &str, text: &str) -> Vec<Event> {
    let p = Pipeline::load(&SeedSource::Embedded).expect("embedded seeds load");
    p.run(&Article {
        id: "t".into(),
        text: text.into(),
        published: Some(published.into()),
        ..Default::default()
    })
    .events
}

/// (type, org, date) of every event, in the article's order.
fn summary(evs: &[Event]) -> Vec<(String, Option<String>, Option<String>)> {
    evs.iter()
        .map(|e| (e.ty.clone(), e.org.clone(), e.date.clone()))
        .collect()
}

fn has(evs: &[Event], ty: &str) -> bool {
    evs.iter().any(|e| e.ty == ty)
}

#[test]
fn a_council_deciding_sat_in_session() {
    let evs = events(
        "2024-05-15",
        "The AMANAT party named its candidates for the city council. \
         The list was approved yesterday by the Bureau of the party's Political Council.",
    );
    let s = summary(&evs);
    assert!(
        s.contains(&(
            "CouncilSession".into(),
            Some("party:amanat".into()),
            Some("2024-05-14".into())
        )),
        "{s:?}"
    );
    // The list approved is not a congress.
    assert!(!has(&evs, "Congress"), "{s:?}");
}

#[test]
fn a_council_member_deciding_alone_is_no_session() {
    let evs = events(
        "2024-05-15",
        "Бүгін Ақ жол партиясының мүшесі Ержан Сапаров партиядан кететінін айтты.",
    );
    assert!(!has(&evs, "CouncilSession"), "{:?}", summary(&evs));
}

#[test]
fn a_branch_sends_delegates_to_the_party_congress() {
    let evs = events(
        "2024-05-15",
        "Атырауский областной филиал партии AMANAT определился с делегатами на съезд.",
    );
    let s = summary(&evs);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, "Congress");
    assert_eq!(s[0].1.as_deref(), Some("party:amanat"), "{s:?}");
}

#[test]
fn a_founding_congress_and_that_congress() {
    let evs = events(
        "2024-05-15",
        "Байтақ партиясының құрылтай съезі 2021 жылғы 12 наурызда Таразда өтті. \
         Сол съезде Қанат Серікбаев партия төрағасы болып сайланды.",
    );
    let s = summary(&evs);
    assert_eq!(s.len(), 1, "one event: {s:?}");
    assert_eq!(s[0].0, "Founding");
    assert_eq!(s[0].2.as_deref(), Some("2021-03-12"));
    assert_eq!(evs[0].place.as_deref(), Some("place:taraz"));
    // Elected there: he took part.
    assert_eq!(evs[0].participants.len(), 1, "{:?}", evs[0].participants);
}

#[test]
fn the_date_of_a_dated_participle_is_its_events() {
    let evs = events(
        "2024-01-20",
        "Жиында 2024 жылғы 2 ақпанда Астанада өтетін партияның кезектен тыс XV съезіне \
         баратын делегаттар тізімі бекітілді.",
    );
    let s = summary(&evs);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, "Congress");
    assert_eq!(s[0].2.as_deref(), Some("2024-02-02"));
}

#[test]
fn a_date_in_another_clause_or_before_a_noun_is_not_the_events() {
    let evs = events(
        "2024-04-23",
        "The proposal was made at an extraordinary congress of the Auyl party by Bolat \
         Sarsenov, who left the government last month. The congress was to prepare for \
         the May 30 elections to the Senate.",
    );
    let s = summary(&evs);
    assert_eq!(s.len(), 1, "one congress: {s:?}");
    assert_eq!(s[0].2, None, "{s:?}");
}

#[test]
fn a_city_renamed_is_no_party_renaming() {
    let evs = events(
        "2024-04-23",
        "The capital, renamed in honour of the former president, hosted the congress of the \
         Ak Zhol party.",
    );
    assert!(!has(&evs, "Renaming"), "{:?}", summary(&evs));
}

#[test]
fn participants_are_those_named_as_taking_part() {
    let evs = events(
        "2024-04-23",
        "Бүгін AMANAT партиясы Павлодар облыстық филиалының конференциясы өтті. \
         Жиынды филиал төрағасы Айгүл Темірова жүргізді. \
         Бұған дейін филиалды басқарған Нұрлан Есімов 2019 жылы министр болып тағайындалған. \
         Конференцияда аудандық филиал төрағасы Сәкен Жұмабаев сөз сөйлеп, баяндама жасады.",
    );
    assert_eq!(evs.len(), 1, "{:?}", summary(&evs));
    let p = &evs[0].participants;
    assert!(p.iter().any(|x| x.contains("temirova")), "{p:?}");
    assert!(p.iter().any(|x| x.contains("zhumabae")), "{p:?}");
    assert!(!p.iter().any(|x| x.contains("esimov")), "{p:?}");
}

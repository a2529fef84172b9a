//! Posts in Russian news told by verbs, chains of titles and pronouns, on
//! sentences written for these tests: who holds which post where, and
//! whether it is held, begun or held before.

mod common;

use common::run;
use partygraph::resolve::Resolved;

/// Every post as (person, role, org, status).
fn posts(r: &Resolved) -> Vec<(String, String, String, String)> {
    r.posts
        .iter()
        .map(|p| {
            (
                p.person.clone(),
                p.role.clone(),
                p.org.clone(),
                p.status.clone(),
            )
        })
        .collect()
}

/// The one post of a person (by the start of the person id) in a role.
fn post_of(r: &Resolved, person: &str, role: &str) -> (String, String, Option<String>) {
    let found: Vec<_> = r
        .posts
        .iter()
        .filter(|p| p.person.starts_with(person) && p.role == role)
        .collect();
    assert_eq!(found.len(), 1, "{person} {role}: {:?}", posts(r));
    let p = found[0];
    (p.org.clone(), p.status.clone(), p.date.clone())
}

#[test]
fn an_active_election_verb_gives_the_object_the_post_from_that_day() {
    let r = run("15 марта 2024 года в Астане прошел съезд партии AMANAT. \
                 Делегаты единогласно избрали председателем партии Сакена Абишева.");
    let (org, status, date) = post_of(&r, "person:abishev", "chair");
    assert_eq!(org, "party:amanat");
    assert_eq!(status, "start");
    assert_eq!(date.as_deref(), Some("2024-03-15"));
}

#[test]
fn the_role_before_a_passive_verb_belongs_to_the_name_after_it() {
    let r = run("Съезд партии «Ак жол» прошел в Астане. \
                 Председателем партии был избран бывший аким области Болат Турганов.");
    let (org, status, _) = post_of(&r, "person:turganov", "chair");
    assert_eq!(org, "party:ak-zhol");
    assert_eq!(status, "start");
}

#[test]
fn a_post_first_named_and_then_elected_to_is_a_start() {
    let r = run(
        "Председатель партии AMANAT Сакен Абишев выступил на съезде. \
                 Съезд прошел 2 апреля 2023 года, тогда же Абишева избрали председателем.",
    );
    let (org, status, date) = post_of(&r, "person:abishev", "chair");
    assert_eq!(org, "party:amanat");
    assert_eq!(status, "start", "{:?}", posts(&r));
    assert_eq!(date.as_deref(), Some("2023-04-02"));
}

#[test]
fn a_past_copula_with_a_pronoun_gives_the_person_before_it_a_former_post() {
    let r = run("Съезд партии AMANAT прошел в Астане. \
                 Канат Жумабеков работал в партии шесть лет, а до того он был акимом Павлодара.");
    let (org, status, _) = post_of(&r, "person:zhumabekov", "akim");
    assert_eq!(org, "place:pavlodar");
    assert_eq!(status, "former");
}

#[test]
fn heading_verbs_tell_the_status_by_their_tense() {
    let r = run("Съезд партии AMANAT прошел в Астане. \
                 Партию с момента основания возглавляет Ерлан Досанов.");
    assert_eq!(
        post_of(&r, "person:dosanov", "chair"),
        ("party:amanat".into(), "current".into(), None)
    );
    let r = run("Съезд партии AMANAT прошел в Астане. \
                 До этого партию долгие годы возглавлял Ерлан Досанов.");
    assert_eq!(post_of(&r, "person:dosanov", "chair").1, "former");
    let r = run("Съезд партии AMANAT прошел в Астане. \
                 Партию возглавил депутат Сената Парламента Ерлан Досанов.");
    assert_eq!(post_of(&r, "person:dosanov", "chair").1, "start");
    assert_eq!(post_of(&r, "person:dosanov", "deputy").0, "org:senate");
}

#[test]
fn a_heading_verb_over_something_else_than_a_body_gives_no_post() {
    let r =
        run("Съезд партии AMANAT прошел в Астане. Список кандидатов возглавляет Ерлан Досанов.");
    assert!(posts(&r).is_empty(), "{:?}", posts(&r));
}

#[test]
fn one_name_after_a_chain_of_titles_holds_each_of_them() {
    let r = run(
        "Съезд партии «Ак жол» прошел в Астане. Слово взял председатель партии, \
                 руководитель фракции, депутат Мажилиса Тимур Исабаев.",
    );
    assert_eq!(post_of(&r, "person:isabaev", "chair").0, "party:ak-zhol");
    assert_eq!(post_of(&r, "person:isabaev", "deputy").0, "org:mazhilis");
}

#[test]
fn two_bodies_headed_by_one_person_in_one_sentence_are_two_posts() {
    let r = run(
        "Конференция партии AMANAT прошла в Павлодаре. Выступила председатель \
                 Павлодарского областного филиала, председатель Министерства юстиции Роза Ибраева.",
    );
    let chairs: Vec<String> = r
        .posts
        .iter()
        .filter(|p| p.person.starts_with("person:ibraeva") && p.role == "chair")
        .map(|p| p.org.clone())
        .collect();
    assert_eq!(chairs.len(), 2, "{:?}", posts(&r));
    assert!(
        chairs.contains(&"unit:amanat/pavlodar-region".to_string()),
        "{chairs:?}"
    );
}

#[test]
fn a_candidacy_from_a_party_is_no_post_of_that_party() {
    let r = run(
        "Съезд партии «Ак жол» прошел. Выступили экс-кандидат в президенты от «Ак жол» \
                 Марат Сагатов и советник председателя «Ак жол» Даурен Искаков.",
    );
    assert!(
        !r.posts
            .iter()
            .any(|p| p.role == "chair" || p.role == "president"),
        "{:?}",
        posts(&r)
    );
    assert_eq!(post_of(&r, "person:iskakov", "advisor").0, "party:ak-zhol");
}

#[test]
fn a_branch_named_by_its_place_alone_is_the_branch_of_that_region() {
    let r = run("Председатель Жамбылского филиала партии «Ак жол» Нурлан Сатыбалдиев выступил.");
    assert_eq!(
        post_of(&r, "person:satibald", "chair").0,
        "unit:ak-zhol/zhambyl-region"
    );
}

#[test]
fn the_secretary_of_the_central_council_is_the_party_secretary() {
    let r = run("Пленум партии «Ак жол» прошел в Астане. \
                 Выступил секретарь Центрального совета Ерлан Мусин.");
    assert_eq!(post_of(&r, "person:musin", "secretary").0, "party:ak-zhol");
}

#[test]
fn a_maslikhat_named_by_the_place_after_it_is_that_place_s_maslikhat() {
    let r = run("Айдос Сериков с 2012 по 2021 год два созыва был депутатом маслихата Актобе.");
    let (org, status, _) = post_of(&r, "person:serikov", "deputy");
    assert!(
        org.contains("aktobe") && org.ends_with("maslikhat"),
        "{org}"
    );
    assert_eq!(status, "former");
}

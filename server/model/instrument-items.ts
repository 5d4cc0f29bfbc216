import type { AssessmentComponent } from './assessment-components.ts';

// The Likert statements of the instrument, three per component, each component with one reverse-coded statement
// so that a respondent who agrees with everything does not score high (acquiescence bias; Weijters, Baumgartner &
// Schillewaert 2013, "Reversed item bias", Psychological Methods 18(3)). The wording follows the background texts
// (shared/background): the five components of community safety as the methodology of security-risk and
// security-potential analysis names them, and the directions of IDP integration (economic, youth, social, legal,
// cultural, information space). Each statement is about the community, never about the respondent's own
// circumstances, so that no answer identifies or exposes the person who gave it.

/** A text in both languages of the form: Ukrainian first (the default language), English second. */
export interface Bilingual {
  uk: string;
  en: string;
}

/** One Likert statement: agreement with it, on five points, measures its component. */
export interface InstrumentItem {
  /** The question's name in the form and in every export: a valid XML name, unique in the form. */
  id: string;
  component: AssessmentComponent;
  /** +1: agreeing means more of the component; -1 (reverse-coded): agreeing means less. */
  direction: 1 | -1;
  label: Bilingual;
  hint?: Bilingual;
}

type Statement = [direction: 1 | -1, uk: string, en: string, hint?: Bilingual];

const statements: Record<AssessmentComponent, Statement[]> = {
  cohesion_trust: [
    [1, 'Більшості людей у нашій громаді можна довіряти.', 'Most people in our hromada can be trusted.'],
    [
      1,
      'У скрутну хвилину сусіди в нашій громаді допомагають одне одному.',
      'In hard times, neighbours in our hromada help each other.',
    ],
    [
      -1,
      'Люди в нашій громаді розділені на групи, які не довіряють одна одній.',
      'People in our hromada are split into groups that do not trust each other.',
    ],
  ],
  stakeholder_communication: [
    [
      1,
      'Місцева влада, громадські організації та бізнес у нашій громаді регулярно обговорюють спільні проблеми.',
      'The local council, civil-society organisations and businesses in our hromada regularly discuss common problems.',
    ],
    [
      1,
      'Я знаю, як донести свою думку до органу місцевого самоврядування.',
      'I know how to make my views heard by the local self-government.',
    ],
    [
      -1,
      'Важливі рішення в громаді ухвалюють без обговорення з жителями.',
      'Important decisions in the hromada are taken without discussing them with residents.',
    ],
  ],
  police_community: [
    [1, 'Я довіряю поліції, яка працює в нашій громаді.', 'I trust the police who work in our hromada.'],
    [
      1,
      'Поліція разом із жителями розв’язує локальні проблеми безпеки.',
      'The police and residents solve local safety problems together.',
      {
        uk: 'Наприклад, спільні зустрічі, патрулювання, звернення, на які поліція реагує',
        en: 'For example joint meetings, patrols, or reports the police act on',
      },
    ],
    [
      -1,
      'Жителі нашої громади уникають звертатися до поліції, навіть коли мають проблему.',
      'Residents of our hromada avoid turning to the police even when they have a problem.',
    ],
  ],
  resident_leadership: [
    [
      1,
      'У нашій громаді є люди, які беруть на себе ініціативу розв’язувати спільні проблеми.',
      'There are people in our hromada who take the lead in solving common problems.',
    ],
    [
      1,
      'Жителі можуть вплинути на рішення, що стосуються нашої громади.',
      'Residents can influence decisions that affect our hromada.',
      {
        uk: 'Через громадські слухання, петиції, бюджет участі, молодіжні ради тощо',
        en: 'Through public hearings, petitions, participatory budgets, youth councils and the like',
      },
    ],
    [
      -1,
      'Більшість жителів вважає, що розв’язувати проблеми громади — справа лише влади.',
      "Most residents think that solving the hromada's problems is only the authorities' job.",
    ],
  ],
  vulnerable_integration: [
    [
      1,
      'Люди з інвалідністю, літні люди та інші вразливі групи беруть участь у житті громади нарівні з іншими.',
      'People with disabilities, older people and other vulnerable groups take part in community life on an equal footing.',
    ],
    [
      1,
      'Ветерани та їхні родини отримують у громаді підтримку, якої потребують.',
      'Veterans and their families get the support they need in the hromada.',
    ],
    [
      -1,
      'Деякі групи людей у нашій громаді почуваються чужими або відкинутими.',
      'Some groups of people in our hromada feel like outsiders or rejected.',
    ],
  ],
  idp_economic: [
    [
      1,
      'Внутрішньо переміщені особи (ВПО) в нашій громаді можуть знайти роботу відповідно до своєї кваліфікації.',
      'Internally displaced people (IDPs) in our hromada can find work that matches their skills.',
    ],
    [
      1,
      'ВПО відкривають бізнес або створюють робочі місця в нашій громаді.',
      'IDPs start businesses or create jobs in our hromada.',
    ],
    [
      -1,
      'Більшість ВПО в нашій громаді досі живуть переважно за рахунок гуманітарної допомоги.',
      'Most IDPs in our hromada still live mainly on humanitarian aid.',
    ],
  ],
  idp_youth: [
    [
      1,
      'Молодь із числа ВПО та місцева молодь навчаються і проводять час разом.',
      'Young IDPs and local young people study and spend time together.',
    ],
    [
      1,
      'Молодь громади, зокрема молоді ВПО, створює і здійснює спільні проєкти.',
      'Young people, displaced and local, create and run joint projects in the hromada.',
    ],
    [
      -1,
      'Молоді ВПО в нашій громаді почуваються ізольованими від місцевих однолітків.',
      'Young IDPs in our hromada feel isolated from local peers.',
    ],
  ],
  idp_social: [
    [
      1,
      'ВПО мають такий самий доступ до житла, медичних і соціальних послуг, як і місцеві жителі.',
      'IDPs have the same access to housing, health and social services as local residents.',
    ],
    [
      1,
      'ВПО беруть участь у громадському житті та волонтерстві в нашій громаді.',
      'IDPs take part in civic life and volunteering in our hromada.',
    ],
    [
      -1,
      'Між ВПО та місцевими жителями часто виникають напруження чи конфлікти.',
      'Tensions or conflicts often arise between IDPs and local residents.',
    ],
  ],
  idp_legal: [
    [
      1,
      'ВПО в нашій громаді без особливих труднощів оформлюють документи, реєстрацію та соціальні виплати.',
      'IDPs in our hromada get documents, registration and social payments without major difficulty.',
    ],
    [
      1,
      'ВПО знають, куди звернутися по безоплатну правову допомогу.',
      'IDPs know where to turn for free legal aid.',
    ],
    [
      -1,
      'Місцеві правила чи практики ставлять ВПО в гірше становище, ніж місцевих жителів.',
      'Local rules or practices put IDPs at a disadvantage compared with local residents.',
    ],
  ],
  idp_cultural: [
    [
      1,
      'Культурні, просвітницькі та публічні заходи в громаді об’єднують ВПО і місцевих жителів.',
      'Cultural, educational and public events in the hromada bring IDPs and local residents together.',
    ],
    [
      1,
      'Традиції та досвід ВПО поважають у нашій громаді.',
      "IDPs' traditions and experience are respected in our hromada.",
    ],
    [
      -1,
      'ВПО і місцеві жителі живуть поруч, але окремо — кожні своїм колом.',
      'IDPs and local residents live side by side but apart, each in their own circle.',
    ],
  ],
  idp_information: [
    [
      1,
      'Місцеві медіа та сторінки громади висвітлюють життя ВПО справедливо.',
      "Local media and the hromada's pages portray IDPs' lives fairly.",
    ],
    [
      1,
      'ВПО отримують потрібну інформацію про послуги та рішення громади.',
      "IDPs receive the information they need about the hromada's services and decisions.",
    ],
    [
      -1,
      'У місцевих соцмережах і чатах поширюються чутки чи ворожі висловлювання щодо ВПО.',
      'Rumours or hostile statements about IDPs spread in local social media and chats.',
      { uk: 'Зокрема в групах і каналах громади', en: "Including the hromada's groups and channels" },
    ],
  ],
};

/** Every item, grouped by component in the order of ASSESSMENT_COMPONENTS' keys above; ids `<component>_<n>`. */
export const INSTRUMENT_ITEMS: InstrumentItem[] = (
  Object.entries(statements) as [AssessmentComponent, Statement[]][]
).flatMap(([component, list]) =>
  list.map(([direction, uk, en, hint], i) => ({
    id: `${component}_${i + 1}`,
    component,
    direction,
    label: { uk, en },
    ...(hint ? { hint } : {}),
  })),
);

//! Two job-family pages the command-line tests put in temporary trees: a widget page with two
//! levels and a table, and a gadget page whose link into the widget page resolves and whose table
//! copies the widget page's.

pub const WIDGET: &str = "---\ntitle: Widget Engineer\ndescription: Builds widgets.\n---\n\n## Levels\n\n\
### Widget Engineer\n\nThe Widget Engineer is a grade 6.\n\n### Senior Widget Engineer\n\n\
The Senior Widget Engineer is a grade 7.\n\n| Area | Owner |\n| --- | --- |\n| Billing | Payments team |\n\
| Search | Discovery team |\n";

pub const GADGET: &str = "---\ntitle: Gadget Engineer\ndescription: Builds gadgets.\n---\n\n## Levels\n\n\
### Gadget Engineer\n\nThe Gadget Engineer is a grade 6. Peers: [widgets](/job-families/widget/#senior-widget-engineer).\n\n\
| Area | Owner |\n| --- | --- |\n| Billing | Payments team |\n| Search | Discovery team |\n";

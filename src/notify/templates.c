/*
 * templates: see templates.h.  An SMS must fit in two messages as the
 * network bills them (domain/sms_text.c) in every language, with the
 * longest values render.c lets in; tests/unit/test_notify.c checks it.
 * The free texts a clerk typed ({documents}, {reason}) are cut short in an
 * SMS and given whole in the e-mail.
 */
#include <stdbool.h>
#include <stddef.h>

#include "domain/i18n.h"
#include "domain/names.h"
#include "templates.h"

const char *const notify_event_names[NOTIFY_EVENT__MAX] = {
	[NOTIFY_RECEIVED] = "received",
	[NOTIFY_DOCUMENTS_MISSING] = "documents_missing",
	[NOTIFY_REFUSAL_NOTICE] = "refusal_notice",
	[NOTIFY_APPROVED] = "approved",
	[NOTIFY_CERT_READY] = "certificate_ready",
	[NOTIFY_DELIVERED] = "delivered",
	[NOTIFY_REJECTED] = "rejected",
	[NOTIFY_EXPIRING] = "expiring",
	[NOTIFY_NOTE] = "note",
	[NOTIFY_PICKUP_REMINDER] = "pickup_reminder",
	[NOTIFY_RECALLED] = "recalled",
	[NOTIFY_OTP] = "otp",
	[NOTIFY_DRAFT_LINK] = "draft_link",
};

/* What the desk reads (the pages translate them with _()). */
const char *const notify_event_labels[NOTIFY_EVENT__MAX] = {
	[NOTIFY_RECEIVED] = N_("Domanda ricevuta"),
	[NOTIFY_DOCUMENTS_MISSING] = N_("Documenti mancanti"),
	[NOTIFY_REFUSAL_NOTICE] = N_("Preavviso di rigetto"),
	[NOTIFY_APPROVED] = N_("Domanda approvata"),
	[NOTIFY_CERT_READY] = N_("Certificato pronto"),
	[NOTIFY_DELIVERED] = N_("Certificato consegnato"),
	[NOTIFY_REJECTED] = N_("Domanda respinta"),
	[NOTIFY_EXPIRING] = N_("Certificato in scadenza"),
	[NOTIFY_NOTE] = N_("Messaggio dell'ufficio"),
	[NOTIFY_PICKUP_REMINDER] = N_("Promemoria di ritiro"),
	[NOTIFY_RECALLED] = N_("Certificato tornato all'ufficio"),
	[NOTIFY_OTP] = N_("Codice di conferma"),
	[NOTIFY_DRAFT_LINK] = N_("Link per riprendere la domanda"),
};

int
notify_event_from_name(const char *s)
{
	return names_index(notify_event_names, NOTIFY_EVENT__MAX, s);
}

const struct notify_template notify_templates[NOTIFY_EVENT__MAX] = {
	[NOTIFY_RECEIVED] = {
	    N_("Domanda di idoneità alloggiativa ricevuta: pratica {case}, "
	    "codice per seguirla {code}. Le scriveremo a ogni passo."),
	    N_("Domanda ricevuta: pratica {case}"),
	    N_("il Comune di {comune} ha ricevuto la sua domanda di "
	    "certificato di idoneità alloggiativa.\n\n"
	    "Numero di pratica: {case}\nCodice per seguirla: {code}\n\n"
	    "Conservi questo messaggio: il numero e il codice servono per "
	    "chiedere notizie della pratica. Le scriveremo a ogni passo."),
	},
	[NOTIFY_DOCUMENTS_MISSING] = {
	    N_("Pratica {case}: mancano documenti ({documents}). Li porti "
	    "all'ufficio entro il {by}."),
	    N_("Pratica {case}: documenti mancanti"),
	    N_("per esaminare la pratica {case} mancano alcuni documenti:\n\n"
	    "{documents}\n\nLi porti all'ufficio entro il {by}. Fino ad "
	    "allora il termine del procedimento è sospeso; riprende quando "
	    "li riceviamo."),
	},
	[NOTIFY_REFUSAL_NOTICE] = {
	    N_("Pratica {case}: preavviso di rigetto ({reason}). Può inviare "
	    "osservazioni entro il {by}."),
	    N_("Pratica {case}: preavviso di rigetto"),
	    N_("l'ufficio intende respingere la domanda della pratica {case} "
	    "per questi motivi:\n\n{reason}\n\nEntro il {by} può presentare "
	    "per iscritto osservazioni e documenti (art. 10-bis della legge "
	    "241/1990). Fino ad allora il termine del procedimento è "
	    "sospeso."),
	},
	[NOTIFY_APPROVED] = {
	    N_("Pratica {case} approvata. Le scriveremo quando il "
	    "certificato sarà pronto per il ritiro."),
	    N_("Pratica {case}: domanda approvata"),
	    N_("la domanda della pratica {case} è stata approvata. Le "
	    "scriveremo di nuovo quando il certificato sarà pronto per il "
	    "ritiro."),
	},
	[NOTIFY_CERT_READY] = {
	    N_("Certificato pronto, pratica {case}. Ritiro: {place}, {hours}. "
	    "Codice {pickup}, fino al {until}. Porti un documento."),
	    N_("Pratica {case}: certificato pronto per il ritiro"),
	    N_("il certificato di idoneità alloggiativa della pratica {case} "
	    "è pronto.\n\nDove ritirarlo: {place}\nOrari: {hours}\n"
	    "Codice di ritiro: {pickup} (valido fino al {until})\n\n"
	    "Porti con sé un documento d'identità valido, lo stesso indicato "
	    "nella domanda (o quello della persona delegata), e la marca da "
	    "bollo per il certificato. Il codice serve una sola volta: lo "
	    "mostri solo allo sportello."),
	},
	[NOTIFY_DELIVERED] = {
	    N_("Certificato della pratica {case} consegnato il {date}. "
	    "Grazie."),
	    N_("Pratica {case}: certificato consegnato"),
	    N_("il certificato della pratica {case} è stato consegnato il "
	    "{date}. Grazie per aver usato il servizio."),
	},
	[NOTIFY_REJECTED] = {
	    N_("Pratica {case} respinta: {reason}. Il provvedimento dice "
	    "come fare ricorso."),
	    N_("Pratica {case}: domanda respinta"),
	    N_("la domanda della pratica {case} è stata respinta per questi "
	    "motivi:\n\n{reason}\n\nIl provvedimento indica a chi e in quali "
	    "termini si può presentare ricorso."),
	},
	[NOTIFY_EXPIRING] = {
	    N_("Il certificato della pratica {case} scade il {expires}. Per "
	    "rinnovarlo presenti una nuova domanda."),
	    N_("Pratica {case}: il certificato scade il {expires}"),
	    N_("il certificato di idoneità alloggiativa della pratica {case} "
	    "scade il {expires}. Se le serve ancora, presenti per tempo una "
	    "nuova domanda."),
	},
	[NOTIFY_PICKUP_REMINDER] = {
	    N_("Pratica {case}: il certificato la aspetta a {place}, "
	    "{hours}, fino al {until}. Porti il codice e un documento."),
	    N_("Pratica {case}: il certificato la aspetta"),
	    N_("il certificato della pratica {case} non è ancora stato "
	    "ritirato.\n\nDove: {place}\nOrari: {hours}\nFino al: {until}"
	    "\n\nPorti il codice di ritiro che le abbiamo inviato e un "
	    "documento d'identità. Dopo quella data il certificato torna "
	    "all'ufficio del Comune."),
	},
	[NOTIFY_RECALLED] = {
	    N_("Pratica {case}: il certificato ora si ritira a {place}, "
	    "{hours}. Nuovo codice {pickup}, fino al {until}."),
	    N_("Pratica {case}: il certificato è tornato all'ufficio"),
	    N_("il certificato della pratica {case} non è stato ritirato in "
	    "tempo ed è tornato all'ufficio del Comune.\n\nDove ritirarlo "
	    "ora: {place}\nOrari: {hours}\nNuovo codice di ritiro: {pickup} "
	    "(valido fino al {until})\n\nIl codice precedente non vale più. "
	    "Porti con sé un documento d'identità valido."),
	},
	/* The online application (src/online): the code that confirms the
	 * phone or the address, and the link back to a draft. */
	[NOTIFY_OTP] = {
	    N_("Comune di {comune}: il suo codice di conferma è {otp}. Vale "
	    "15 minuti. Non lo dica a nessuno."),
	    N_("Codice di conferma: {otp}"),
	    N_("per confermare questo indirizzo nella domanda di idoneità "
	    "alloggiativa scriva il codice {otp} nella pagina della domanda. "
	    "Vale 15 minuti.\n\nSe non ha chiesto lei questo codice, ignori "
	    "il messaggio: nessuno lo può usare senza la pagina aperta."),
	},
	[NOTIFY_DRAFT_LINK] = {
	    N_("Comune di {comune}: riprenda la domanda entro 30 giorni da "
	    "{link}"),
	    N_("Il link per riprendere la domanda"),
	    N_("la sua domanda di idoneità alloggiativa è salvata. Per "
	    "riprenderla da qualsiasi dispositivo apra questo link entro 30 "
	    "giorni:\n\n{link}\n\nNon lo inoltri: chi ha il link vede i "
	    "dati della domanda."),
	},
	/* A clerk's own words go as they were typed. */
	[NOTIFY_NOTE] = {
	    "{text}",
	    N_("Pratica {case}: un messaggio dall'ufficio"),
	    "{text}",
	},
};

const char *const notify_greeting = N_("Gentile {name},");
const char *const notify_footer = N_("Comune di {comune}, {office}\n"
    "Questo messaggio è inviato automaticamente: per rispondere, si "
    "rivolga all'ufficio.");

/*
 * The locales are those of Debian's locales-all; gettext looks for the
 * catalog under the language's code (po/LINGUAS).
 */
const struct notify_language notify_languages[] = {
	{"it", NULL, false},
	{"zh", "zh_CN.UTF-8", false},
	{"en", "en_GB.UTF-8", false},
	{"sq", "sq_AL.UTF-8", false},
	{"ro", "ro_RO.UTF-8", false},
	{"ur", "ur_PK.UTF-8", true},
	{"ar", "ar_EG.UTF-8", true},
	{"fr", "fr_FR.UTF-8", false},
	{"bn", "bn_BD.UTF-8", false},
	{NULL, NULL, false},
};

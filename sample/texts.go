package sample

const letter = `Northfield Homes
1 Civic Way
Northfield NF1 1AA

2 July 2015

Dear Alex Marsh,

Your enquiry about tenant contact details

Thank you for your letter of 16 June. Northfield Homes does not share
tenants' telephone numbers with political parties or candidates. Contact
details are held in our housing system for tenancy management only.

We are looking into how printed reports from the housing system came to
be outside our offices and will write again when we have finished.

Yours sincerely,

J. Whitlock
Head of Customer Services
`

const email = `From: Maureen Baptiste <maureen.baptiste@example.org>
To: Alex Marsh <alex.marsh@example.org>
Subject: Texts about the election
Date: Mon, 15 Jun 2015 19:05:00 +0100
Message-ID: <20150615190500.1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hello Alex,

At the residents' association meeting tonight six people said they got
the "Vote for Pat Greene" text on 8 June. Most of them have only ever
given their mobile number to Northfield Homes. Zoë Okafor and Seán Murphy
are happy to give you their screenshots.

Maureen
`

const statement = `Statement of Maureen Baptiste
14 Martineau Walk, Northfield

1. I have been a tenant of Northfield Homes at 14 Martineau Walk since 1998.

2. Our household telephone number is 020 7946 0321. I gave it to
   Northfield Homes when my tenancy began. I have never given it to any
   political party.

3. In June 2015 a canvasser called at my door and addressed me and my
   husband Delroy by name. He read our telephone number from a printed
   sheet and asked if it was still right.

I believe the facts in this statement are true.

Signed: Maureen Baptiste
Date: 20 June 2015
`

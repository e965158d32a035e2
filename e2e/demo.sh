#!/usr/bin/env bash
# The demo behind `./shop demo`: seeds a catalog and three customers through the public APIs of a
# running shop, places a mix of orders (confirmed, declined, out of stock, timed out) and prints
# each outcome. Cards are paid as a browser would: the card details go to the (sandbox) payment
# provider, which answers a token; the shop only ever gets the token, the brand and the last four
# digits. Needs curl, jq and ADMIN_TOKEN (./shop demo provides it).
set -euo pipefail

USER_URL=${USER_URL:-http://localhost:8081}
CATALOG_URL=${CATALOG_URL:-http://localhost:8082}
ORDER_URL=${ORDER_URL:-http://localhost:8083}
SANDBOX_URL=${SANDBOX_URL:-http://localhost:8090}
: "${ADMIN_TOKEN:?ADMIN_TOKEN is needed (run ./shop demo)}"

RUN_ID=$(date +%s)

json() { curl -sS -H 'Content-Type: application/json' -H 'Accept: application/json' "$@"; }

add_product() { # sku name category price stock → id
    local body id
    body=$(jq -n --arg sku "$1-$RUN_ID" --arg name "$2" --arg category "$3" --arg price "$4" --argjson stock "$5" \
        '{sku: $sku, name: $name, description: ($name + " (demo)"), category: $category, price: $price, currency: "EUR", initialStock: $stock}')
    id=$(json -H "Authorization: Bearer $ADMIN_TOKEN" -d "$body" "$CATALOG_URL/products" | jq -r '.id // empty')
    [ -n "$id" ] || { echo "demo: could not add product $2" >&2; exit 1; }
    # The catalog's read side follows its events: wait until the product can be priced.
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null "$CATALOG_URL/products/$id" && break
        sleep 0.2
    done
    printf '%s' "$id"
}

customer() { # name → token
    local email="$(printf '%s' "$1" | tr 'A-Z ' 'a-z.')+$RUN_ID@demo.sagashop.local" password="demo-$RUN_ID-secret"
    json -d "$(jq -n --arg e "$email" --arg n "$1" --arg p "$password" '{email: $e, name: $n, password: $p}')" \
        "$USER_URL/users" >/dev/null
    local token=""
    for _ in $(seq 1 100); do
        token=$(json -d "$(jq -n --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" \
            "$USER_URL/auth/login" | jq -r '.accessToken // empty')
        [ -n "$token" ] && break
        sleep 0.2
    done
    [ -n "$token" ] || { echo "demo: could not sign in $1" >&2; exit 1; }
    printf '%s' "$token"
}

tokenize() { # test card number → the payment method the shop gets: {type, token, brand, last4}
    local method
    method=$(json -d "$(jq -n --arg number "$1" '{number: $number, expMonth: "12", expYear: "2099", cvc: "123"}')" \
        "$SANDBOX_URL/card/v1/tokens" | jq -c 'select(.id) | {type: "CARD", token: .id, brand, last4}')
    [ -n "$method" ] || { echo "demo: the sandbox provider did not tokenize a test card" >&2; exit 1; }
    printf '%s' "$method"
}

place() { # token paymentMethod productId:qty... → order id
    local token=$1 method=$2 lines
    shift 2
    lines=$(for line in "$@"; do printf '{"productId":"%s","quantity":%s}\n' "${line%%:*}" "${line##*:}"; done | jq -s .)
    json -H "Authorization: Bearer $token" -d "$(jq -n --argjson lines "$lines" --argjson method "$method" \
        '{lines: $lines, paymentMethod: $method,
          shippingAddress: {recipient: "Demo Customer", street: "Demo Street 1", postalCode: "1000", city: "Brussels", country: "BE"}}')" \
        "$ORDER_URL/orders" | jq -r '.orderId // ("error: " + (.detail // .title // "unknown"))'
}

await_final() { # token orderId → the order JSON once final
    local order
    while true; do
        order=$(json -H "Authorization: Bearer $1" "$ORDER_URL/orders/$2")
        case "$(printf '%s' "$order" | jq -r .status)" in
            CONFIRMED|REJECTED|CANCELLED) printf '%s' "$order"; return ;;
        esac
        sleep 0.5
    done
}

report() { # label token orderId
    local order
    order=$(await_final "$2" "$3")
    printf '  %-44s %-10s %-17s %8s EUR  %s\n' "$1" "$(jq -r .status <<<"$order")" \
        "$(jq -r '.rejectionReason // "-"' <<<"$order")" "$(jq -r .total <<<"$order")" "$3"
}

echo "seeding the catalog and three customers ..."
kettle=$(add_product KETTLE "Kettle" kitchen 24.50 20)
mug=$(add_product MUG "Mug" kitchen 4.00 50)
teapot=$(add_product TEAPOT "Cast iron teapot" kitchen 39.00 1)
lamp=$(add_product LAMP "Desk lamp" office 45.00 10)
ada=$(customer "Ada Lovelace")
grace=$(customer "Grace Hopper")
linus=$(customer "Linus Torvalds")

APPROVED=$(tokenize 4242424242424242)
DECLINED=$(tokenize 4000000000000002)

echo "placing orders ..."
happy=$(place "$ada" "$APPROVED" "$kettle:1" "$mug:2")
declined=$(place "$grace" "$DECLINED" "$lamp:1")
scarce=$(place "$linus" "$APPROVED" "$teapot:2")
last_unit=$(place "$ada" "$APPROVED" "$teapot:1")
printf '\n  %-44s %-10s %-17s %12s  %s\n' ORDER OUTCOME REASON TOTAL ID
report "Ada: a kettle and two mugs" "$ada" "$happy"
report "Grace: a lamp, card declined" "$grace" "$declined"
report "Linus: two teapots, one in stock" "$linus" "$scarce"
report "Ada: the last teapot" "$ada" "$last_unit"

# Now both providers answer 60 s late (with only the card provider slow, the payment service
# would fail over to the wallet provider): the order deadline passes first, the saga voids the
# payment, releases the stock and rejects the order; the late charge is refunded.
for provider in card wallet; do
    curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' -d '{"latencyMillis": 60000}' \
        "$SANDBOX_URL/admin/faults/$provider"
done
slow=$(place "$grace" "$APPROVED" "$kettle:1")
echo "  (waiting for the order deadline of the slow payment ...)"
report "Grace: a kettle, payment provider too slow" "$grace" "$slow"
curl -fsS -o /dev/null -X DELETE "$SANDBOX_URL/admin/faults"
echo
